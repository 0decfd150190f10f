// Notices that outlive the action that caused them (the clipboard could not be cleared 30 s
// after a copy; main changed nothing about a connection's API domain), announced to screen
// readers. A notice never covers a control the user is about to click: one with an `anchor` sits
// in that anchor's outlet, by the buttons it is about (the copy buttons), while that outlet is on
// screen; otherwise it floats at the bottom of the window, and one with a `timeoutMs` then goes
// away by itself (held while the pointer or the focus is on it, so it can still be read and
// dismissed). Time comes from the app's clock, so tests drive it by hand.

import { Alert, Stack } from '@mantine/core';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { useClock, useNow } from './clock.js';
import { createRequiredContext } from './required-context.js';

export interface Notice {
  /** A notice with the same key replaces the previous one instead of stacking up. */
  key: string;
  title: string;
  message: string;
  color?: 'orange' | 'blue' | 'red';
  /** Where the notice belongs (a NoticeOutlet with this anchor), e.g. 'clipboard'. */
  anchor?: string;
  /** Floating, it goes away after this long; without it, it stays until dismissed. */
  timeoutMs?: number;
}

interface Notices {
  show(notice: Notice): void;
  dismiss(key: string): void;
}

interface NoticesState {
  notices: Notice[];
  /** How many outlets of each anchor are on screen. */
  outlets: ReadonlyMap<string, number>;
  mountOutlet(anchor: string): () => void;
}

const NoticesContext = createContext<Notices>({ show: () => undefined, dismiss: () => undefined });
// Optional: a NoticeOutlet rendered without a provider (a screen alone in a test) shows nothing.
const NoticesStateContext = createRequiredContext<NoticesState>(
  'useNoticesState',
  'NoticesProvider',
);

export const useNotices = (): Notices => useContext(NoticesContext);

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [outlets, setOutlets] = useState<ReadonlyMap<string, number>>(new Map());
  const show = useCallback(
    (notice: Notice) => setNotices((list) => [...list.filter((n) => n.key !== notice.key), notice]),
    [],
  );
  const dismiss = useCallback(
    (key: string) => setNotices((list) => list.filter((n) => n.key !== key)),
    [],
  );
  const mountOutlet = useCallback((anchor: string) => {
    const add = (delta: number) =>
      setOutlets((map) => new Map(map).set(anchor, (map.get(anchor) ?? 0) + delta));
    add(1);
    return () => add(-1);
  }, []);
  const value = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  const state = useMemo(() => ({ notices, outlets, mountOutlet }), [notices, outlets, mountOutlet]);
  const floating = notices.filter((n) => !n.anchor || !outlets.get(n.anchor));
  return (
    <NoticesContext.Provider value={value}>
      <NoticesStateContext.Provider value={state}>
        {children}
        <Stack
          gap="xs"
          role="alert"
          aria-live="assertive"
          style={{
            position: 'fixed',
            right: 16,
            bottom: 16,
            zIndex: 400,
            maxWidth: 'min(440px, calc(100vw - 32px))',
            // The empty space around the notices lets clicks through to what is behind.
            pointerEvents: 'none',
          }}
        >
          {floating.map((notice) => (
            <FloatingNotice key={notice.key} notice={notice} onDismiss={dismiss} />
          ))}
        </Stack>
      </NoticesStateContext.Provider>
    </NoticesContext.Provider>
  );
}

function NoticeAlert({
  notice,
  onDismiss,
  ...rest
}: {
  notice: Notice;
  onDismiss(key: string): void;
  style?: CSSProperties;
  onPointerEnter?(): void;
  onPointerLeave?(): void;
  onFocus?(): void;
  onBlur?(): void;
}) {
  return (
    <Alert
      color={notice.color ?? 'orange'}
      variant="filled"
      title={notice.title}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => onDismiss(notice.key)}
      data-testid={`notice-${notice.key}`}
      // The region around it is the live region (role="alert"); an alert inside an alert would
      // be announced twice.
      role="none"
      {...rest}
    >
      {notice.message}
    </Alert>
  );
}

/** A notice at the bottom of the window; with a timeout, gone once it has run out unheld. */
function FloatingNotice({ notice, onDismiss }: { notice: Notice; onDismiss(key: string): void }) {
  const clock = useClock();
  const now = useNow();
  // The timeout starts when the notice starts floating (shown, or its outlet left the screen)
  // and starts again when the pointer or the focus leaves it.
  const [since, setSince] = useState(() => clock.now());
  const [held, setHeld] = useState(false);
  const expired = notice.timeoutMs !== undefined && !held && now - since >= notice.timeoutMs;
  useEffect(() => {
    if (expired) onDismiss(notice.key);
  }, [expired, notice.key, onDismiss]);
  const hold = () => setHeld(true);
  const release = () => {
    setHeld(false);
    setSince(clock.now());
  };
  return (
    <NoticeAlert
      notice={notice}
      onDismiss={onDismiss}
      style={{ pointerEvents: 'auto' }}
      onPointerEnter={hold}
      onPointerLeave={release}
      onFocus={hold}
      onBlur={release}
    />
  );
}

/**
 * Where notices with this anchor show while it is on screen (next to the controls they are
 * about), instead of floating over the window.
 */
export function NoticeOutlet({ anchor }: { anchor: string }) {
  const state = NoticesStateContext.useOptional();
  const { dismiss } = useNotices();
  const mountOutlet = state?.mountOutlet;
  useEffect(() => mountOutlet?.(anchor), [mountOutlet, anchor]);
  const here = state?.notices.filter((n) => n.anchor === anchor) ?? [];
  return (
    <div role="alert" aria-live="assertive" data-testid={`notice-outlet-${anchor}`}>
      {here.length > 0 && (
        <Stack gap="xs">
          {here.map((notice) => (
            <NoticeAlert key={notice.key} notice={notice} onDismiss={dismiss} />
          ))}
        </Stack>
      )}
    </div>
  );
}
