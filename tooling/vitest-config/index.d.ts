import type { UserConfig } from 'vitest/config';

export declare const preset: UserConfig;
export declare function withPreset(config?: UserConfig): UserConfig;
