// The token-desk executable: the CLI, plus `token-desk ui`, which starts the browser mode. This
// composition root is the one place where the two shells meet.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { endQuietlyOnBrokenPipe, processIo } from '../cli/cli-io.js';
import { registerUi } from '../cli/commands/ui.js';
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
    registerUi(program, {
      io,
      homeOf: (command) => contextFor(command.optsWithGlobals().home).home,
      async start(options) {
        const { startBrowserMode } = await import('../web/browser-mode.js');
        return startBrowserMode({ ...options, env: io.env, staticDir, version });
      },
    });
  },
});
process.exitCode = code;
