// `token-desk ui`: starts the browser mode and keeps it running until Ctrl+C or SIGTERM. The
// browser mode itself is another shell, so the entry point (main/entry) hands its starter in.
// What reaches the terminal: one address with a one-time code (stdout; a fresh one each time it
// is used), never the run's secret; the system browser gets only a 0600 hand-over page.

import { Option, type Command } from 'commander';
import { parsePort } from '../arguments.js';
import { writeLine, type CliIo } from '../cli-io.js';

export interface RunningUi {
  url: string;
  /** The address to print: opens Token Desk once. */
  address: string;
  /** What the system browser was asked to open, if it was. */
  opened?: string;
  close(): Promise<void>;
}

export interface UiStartOptions {
  home: string;
  port?: number;
  openBrowser: boolean;
  onNewAddress(address: string): void;
}

export interface UiCommandDeps {
  io: CliIo;
  homeOf(command: Command): string;
  start(options: UiStartOptions): Promise<RunningUi>;
  /** Where stop signals come from; the process by default. */
  signals?: Pick<NodeJS.Process, 'once' | 'off'>;
}

export function registerUi(program: Command, deps: UiCommandDeps): void {
  program
    .command('ui')
    .description('open Token Desk in your browser (browser mode), on this computer only')
    .addOption(
      new Option('--port <port>', 'port on 127.0.0.1 (default: a free one)').argParser(
        parsePort('--port'),
      ),
    )
    .option('--no-open', 'do not open the browser; just print the address')
    .action(async (options, command: Command) => {
      const { io } = deps;
      const signals = deps.signals ?? process;
      const running = await deps.start({
        home: deps.homeOf(command),
        port: options.port,
        openBrowser: options.open !== false,
        onNewAddress(address) {
          writeLine(
            io.stderr,
            'That address has been used. To open Token Desk in another browser:',
          );
          writeLine(io.stdout, address);
        },
      });
      writeLine(io.stdout, running.address);
      writeLine(
        io.stderr,
        running.opened
          ? `Token Desk is running at ${running.url} and your browser was asked to open it. In another browser, open the address above (it works once). Press Ctrl+C to stop.`
          : `Token Desk is running at ${running.url}. Open the address above in your browser (it works once). Press Ctrl+C to stop.`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          signals.off('SIGINT', stop);
          signals.off('SIGTERM', stop);
          void running.close().then(resolve, resolve);
        };
        signals.once('SIGINT', stop);
        signals.once('SIGTERM', stop);
      });
    });
}
