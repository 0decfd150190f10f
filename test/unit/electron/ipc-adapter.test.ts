import { describe, expect, it, vi } from 'vitest';
import { channelOf, METHOD_NAMES, type MethodName } from '../../../main/rpc/contract.js';
import { createDispatcher, type RpcHandlers } from '../../../main/rpc/dispatcher.js';
import {
  createAppOrigin,
  resolveAppLocation,
  type AppLocation,
} from '../../../main/electron/app-origin.js';
import {
  checkSender,
  createEventEmitter,
  FORBIDDEN_SENDER,
  registerIpcHandlers,
  type InvokeEvent,
} from '../../../main/electron/ipc-adapter.js';
import { APP_INDEX_URL, DEV_SERVER_URL, FakeContents, FakeIpcMain, frame } from './fakes.js';

/** Every handler a spy that answers `{ handled: method }`. */
function spyHandlers() {
  const spies = Object.fromEntries(
    METHOD_NAMES.map((method) => [method, vi.fn(async () => ({ handled: method }))]),
  );
  return {
    spies: spies as Record<MethodName, ReturnType<typeof vi.fn>>,
    handlers: spies as unknown as RpcHandlers,
  };
}

function setup(location: AppLocation = { kind: 'app' }) {
  const origin = createAppOrigin(location);
  const mainFrame = frame(origin.startUrl, { processId: 4, routingId: 7 });
  const contents = new FakeContents(mainFrame);
  let window: FakeContents | undefined = contents;
  const ipcMain = new FakeIpcMain();
  const { spies, handlers } = spyHandlers();
  const rejected: string[] = [];
  const dispose = registerIpcHandlers({
    ipcMain,
    dispatch: createDispatcher(handlers),
    contents: () => window,
    isAppUrl: origin.isAppUrl,
    onRejected: (method, reason) => rejected.push(`${method}:${reason}`),
  });
  const from = (
    senderFrame: InvokeEvent['senderFrame'],
    sender: unknown = contents,
  ): InvokeEvent => ({ senderFrame, sender });
  return {
    origin,
    mainFrame,
    contents,
    ipcMain,
    spies,
    rejected,
    dispose,
    from,
    closeWindow: () => (window = undefined),
  };
}

describe('ipc adapter: one handler per contract method', () => {
  it('registers exactly the contract methods, each on its own channel', () => {
    const { ipcMain } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      METHOD_NAMES.map((m) => channelOf(m)).sort(),
    );
  });

  it('removes every handler on dispose', () => {
    const { ipcMain, dispose } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('ipc adapter: sender validation', () => {
  it('dispatches a call from the main frame of the window showing the app page', async () => {
    const { ipcMain, spies, from, mainFrame } = setup();
    const answer = await ipcMain.invoke(channelOf('tokens.refresh'), from(mainFrame), {
      name: 'acme-crm',
    });
    expect(answer).toEqual({ ok: true, result: { handled: 'tokens.refresh' } });
    expect(spies['tokens.refresh']).toHaveBeenCalledWith({ name: 'acme-crm' });
  });

  it('accepts the same main frame seen through another wrapper object (same process and routing id)', async () => {
    const { ipcMain, spies, from, origin } = setup();
    await ipcMain.invoke(
      channelOf('connections.list'),
      from(frame(origin.startUrl + '#/connections', { processId: 4, routingId: 7 })),
      {},
    );
    expect(spies['connections.list']).toHaveBeenCalledOnce();
  });

  it('refuses a null senderFrame (frame navigated away or destroyed)', async () => {
    const { ipcMain, spies, from, rejected } = setup();
    expect(
      await ipcMain.invoke(channelOf('tokens.reveal'), from(null), { name: 'acme-crm' }),
    ).toEqual(FORBIDDEN_SENDER);
    expect(spies['tokens.reveal']).not.toHaveBeenCalled();
    expect(rejected).toEqual(['tokens.reveal:no_frame']);
  });

  it('refuses a subframe, even one showing the app page', async () => {
    const { ipcMain, spies, from, mainFrame, origin } = setup();
    const iframe = frame(origin.startUrl, { parent: mainFrame, processId: 4, routingId: 9 });
    expect(
      await ipcMain.invoke(channelOf('tokens.reveal'), from(iframe), { name: 'acme-crm' }),
    ).toEqual(FORBIDDEN_SENDER);
    expect(spies['tokens.reveal']).not.toHaveBeenCalled();
  });

  it('refuses a top-level frame that is not the window main frame', async () => {
    const { ipcMain, spies, from, origin, rejected } = setup();
    const other = frame(origin.startUrl, { processId: 5, routingId: 1 });
    expect(
      await ipcMain.invoke(channelOf('tokens.reveal'), from(other), { name: 'acme-crm' }),
    ).toEqual(FORBIDDEN_SENDER);
    expect(spies['tokens.reveal']).not.toHaveBeenCalled();
    expect(rejected).toEqual(['tokens.reveal:not_main_frame']);
  });

  it('refuses the main frame once it shows a foreign page', async () => {
    const { ipcMain, spies, from, contents, rejected } = setup();
    contents.mainFrame = frame('https://evil.example/phish.html', { processId: 4, routingId: 7 });
    expect(
      await ipcMain.invoke(channelOf('tokens.reveal'), from(contents.mainFrame), {
        name: 'acme-crm',
      }),
    ).toEqual(FORBIDDEN_SENDER);
    expect(spies['tokens.reveal']).not.toHaveBeenCalled();
    expect(rejected).toEqual(['tokens.reveal:foreign_origin']);
  });

  it('refuses a local file, and any other page than app://token-desk/index.html', async () => {
    for (const url of [
      'file:///home/user/Downloads/tokens.html',
      'file:///opt/Token%20Desk/resources/app.asar/out/renderer/index.html',
      'app://token-desk/assets/index.js',
      'app://evil/index.html',
      'app://token-desk.evil.example/index.html',
    ]) {
      const { ipcMain, spies, from, contents } = setup();
      contents.mainFrame = frame(url, { processId: 4, routingId: 7 });
      expect(
        await ipcMain.invoke(channelOf('tokens.reveal'), from(contents.mainFrame), { name: 'x' }),
        url,
      ).toEqual(FORBIDDEN_SENDER);
      expect(spies['tokens.reveal']).not.toHaveBeenCalled();
    }
  });

  it('refuses a sender that is another webContents', async () => {
    const { ipcMain, spies, from, mainFrame } = setup();
    const stranger = new FakeContents(mainFrame);
    expect(
      await ipcMain.invoke(channelOf('tokens.reveal'), from(mainFrame, stranger), { name: 'x' }),
    ).toEqual(FORBIDDEN_SENDER);
    expect(spies['tokens.reveal']).not.toHaveBeenCalled();
  });

  it('refuses everything while there is no window', async () => {
    const { ipcMain, spies, from, mainFrame, closeWindow } = setup();
    closeWindow();
    expect(await ipcMain.invoke(channelOf('connections.list'), from(mainFrame), {})).toEqual(
      FORBIDDEN_SENDER,
    );
    expect(spies['connections.list']).not.toHaveBeenCalled();
  });

  it('trusts the dev server origin only in a development run', async () => {
    const dev = setup(
      resolveAppLocation({
        isPackaged: false,
        devServerUrl: DEV_SERVER_URL,
      }),
    );
    await dev.ipcMain.invoke(
      channelOf('connections.list'),
      dev.from(frame('http://localhost:5173/#/home', { processId: 4, routingId: 7 })),
      {},
    );
    expect(dev.spies['connections.list']).toHaveBeenCalledOnce();
    // Another port on the same host is another origin.
    expect(dev.origin.isAppUrl('http://localhost:5174/')).toBe(false);

    // Packaged: ELECTRON_RENDERER_URL is ignored, so a page on that server is a stranger.
    const packaged = setup(
      resolveAppLocation({
        isPackaged: true,
        devServerUrl: DEV_SERVER_URL,
      }),
    );
    packaged.contents.mainFrame = frame(DEV_SERVER_URL, { processId: 4, routingId: 7 });
    expect(
      await packaged.ipcMain.invoke(
        channelOf('connections.list'),
        packaged.from(packaged.contents.mainFrame),
        {},
      ),
    ).toEqual(FORBIDDEN_SENDER);
    expect(packaged.spies['connections.list']).not.toHaveBeenCalled();
  });

  it('checkSender names each rejection', () => {
    const origin = createAppOrigin({ kind: 'app' });
    const main = frame(APP_INDEX_URL);
    const contents = new FakeContents(main);
    const target = { contents: () => contents, isAppUrl: origin.isAppUrl };
    expect(checkSender({ senderFrame: main, sender: contents }, target)).toEqual({ ok: true });
    expect(
      checkSender(
        { senderFrame: frame(APP_INDEX_URL, { parent: main }), sender: contents },
        target,
      ),
    ).toEqual({ ok: false, reason: 'subframe' });
    contents.destroyed = true;
    expect(checkSender({ senderFrame: main, sender: contents }, target)).toEqual({
      ok: false,
      reason: 'no_window',
    });
  });
});

describe('ipc adapter: arguments are parsed by the contract', () => {
  it('never calls the handler with params the contract rejects', async () => {
    const { ipcMain, spies, from, mainFrame } = setup();
    const answer = await ipcMain.invoke(channelOf('connections.add'), from(mainFrame), {
      name: '',
      clientId: 5,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    expect(spies['connections.add']).not.toHaveBeenCalled();
  });

  it('refuses extra arguments and unknown keys on strict methods', async () => {
    const { ipcMain, spies, from, mainFrame } = setup();
    expect(
      await ipcMain.invoke(channelOf('connections.list'), from(mainFrame), {}, 'extra'),
    ).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    expect(
      await ipcMain.invoke(channelOf('connections.list'), from(mainFrame), { channel: 'anything' }),
    ).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    expect(spies['connections.list']).not.toHaveBeenCalled();
  });

  it('passes the parsed value (defaults applied), not the raw one', async () => {
    const { ipcMain, spies, from, mainFrame } = setup();
    await ipcMain.invoke(channelOf('connections.export'), from(mainFrame), {
      name: 'acme-crm',
      format: 'env',
    });
    expect(spies['connections.export']).toHaveBeenCalledWith({
      name: 'acme-crm',
      format: 'env',
      includeSecrets: false,
      copy: false,
    });
  });
});

describe('event emitter', () => {
  function emitterSetup() {
    const origin = createAppOrigin({ kind: 'app' });
    const contents = new FakeContents(frame(APP_INDEX_URL));
    const invalid: string[] = [];
    const emit = createEventEmitter(
      { contents: () => contents, isAppUrl: origin.isAppUrl },
      (event) => invalid.push(event),
    );
    return { contents, invalid, emit };
  }

  it('sends a valid payload on the event channel, without fields the schema does not name', () => {
    const { contents, emit } = emitterSetup();
    emit('authorization.progress', { name: 'acme-crm', step: 'done', secret: 'x' } as never);
    expect(contents.sent).toEqual([
      { channel: channelOf('authorization.progress'), payload: { name: 'acme-crm', step: 'done' } },
    ]);
  });

  it('drops an invalid payload and reports it', () => {
    const { contents, invalid, emit } = emitterSetup();
    emit('authorization.progress', { name: 'acme-crm', step: 'exploded' } as never);
    expect(contents.sent).toEqual([]);
    expect(invalid).toEqual(['authorization.progress']);
  });

  it('sends nothing to a window that shows a foreign page, or is gone', () => {
    const { contents, emit } = emitterSetup();
    contents.mainFrame = frame('https://evil.example/');
    emit('connections.changed', {});
    contents.mainFrame = frame(APP_INDEX_URL);
    contents.destroyed = true;
    emit('connections.changed', {});
    expect(contents.sent).toEqual([]);
  });
});
