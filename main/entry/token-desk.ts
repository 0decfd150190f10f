// The token-desk executable: the CLI, plus `token-desk ui`, which starts the browser mode. This
// composition root is the one place where the two shells meet.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Option } from 'commander';
import { parsePort } from '../cli/arguments.js';
import { endQuietlyOnBrokenPipe, processIo, writeLine } from '../cli/cli-io.js';
import { runCli } from '../cli/program.js';

// The bundle lives in out/cli/; the renderer build in out/renderer/; package.json two levels up.
const here = new URL('.', import.meta.url);
const version = (
  JSON.parse(readFileSync(new URL('../../package.json', here), 'utf8')) as { version: string }
).version;
const staticDir = fileURLToPath(new URL('../renderer/', here));

const io = processIo();
// `token-desk scopes | head` closes our stdout early: that ends the command, it is not a crash.
endQuietlyOnBrokenPipe({
  stdout: process.stdout,
  stderr: process.stderr,
  writeError: (text) => process.stderr.write(text),
});
const code = await runCli(process.argv.slice(2), io, {
  version,
  extend(program, contextFor) {
    program
      .command('ui')
      .description('open Token Desk in your browser (browser mode), on this computer only')
      .addOption(
        new Option('--port <port>', 'port on 127.0.0.1 (default: a free one)').argParser(
          parsePort('--port'),
        ),
      )
      .option('--no-open', 'do not open the browser; just print the address')
      .action(async (options, command) => {
        const context = contextFor(command.optsWithGlobals().home);
        const { startBrowserMode } = await import('../web/browser-mode.js');
        const server = await startBrowserMode({
          home: context.home,
          env: io.env,
          staticDir,
          version,
          port: options.port,
          openBrowser: options.open !== false,
        });
        writeLine(io.stdout, server.openUrl);
        writeLine(
          io.stderr,
          'Token Desk is running in your browser at the address above. Press Ctrl+C to stop.',
        );
        await new Promise<void>((resolve) => {
          const stop = () => void server.close().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
  },
});
process.exitCode = code;
