import type { Linter } from 'eslint';

export declare const base: Linter.Config[];
