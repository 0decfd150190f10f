// Notices that outlive the screen that caused them (the clipboard could not be cleared 30 s
// after a copy, when the user may be on another screen): shown at the bottom of the window
// until dismissed, and announced to screen readers.

import { Alert, Stack } from '@mantine/core';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface Notice {
  /** A notice with the same key replaces the previous one instead of stacking up. */
  key: string;
  title: string;
  message: string;
  color?: 'orange' | 'blue' | 'red';
}

interface Notices {
  show(notice: Notice): void;
  dismiss(key: string): void;
}

const NoticesContext = createContext<Notices>({ show: () => undefined, dismiss: () => undefined });

export const useNotices = (): Notices => useContext(NoticesContext);

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const show = useCallback(
    (notice: Notice) => setNotices((list) => [...list.filter((n) => n.key !== notice.key), notice]),
    [],
  );
  const dismiss = useCallback(
    (key: string) => setNotices((list) => list.filter((n) => n.key !== key)),
    [],
  );
  const value = useMemo(() => ({ show, dismiss }), [show, dismiss]);
  return (
    <NoticesContext.Provider value={value}>
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
        }}
      >
        {notices.map((notice) => (
          <Alert
            key={notice.key}
            color={notice.color ?? 'orange'}
            variant="filled"
            title={notice.title}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => dismiss(notice.key)}
            data-testid={`notice-${notice.key}`}
          >
            {notice.message}
          </Alert>
        ))}
      </Stack>
    </NoticesContext.Provider>
  );
}
