// What every command shares, since commander copies settings only to subcommands it creates
// itself: output through the CLI's streams, usage errors thrown (not process.exit), global
// options shown in the command's help.

import type { Command } from 'commander';
import type { CliContext } from './command-scope.js';

/**
 * Applies the shared settings to a command and returns it.
 *
 * @example
 * ```ts
 * const demo = withDefaults(new Command('demo'), context);
 * ```
 */
export function withDefaults(command: Command, context: CliContext): Command {
  return command
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .exitOverride();
}
