// Show/hide for passphrase fields: one state for every field of a form (the passphrase and its
// confirmation show together), and a toggle button that is in the Tab order and says what it does.

import { useState } from 'react';

export function usePassphraseVisibility() {
  const [visible, setVisible] = useState(false);
  return {
    visible,
    onVisibilityChange: setVisible,
    visibilityToggleFocusable: true,
    visibilityToggleButtonProps: {
      'aria-label': visible ? 'Hide passphrase' : 'Show passphrase',
    },
  };
}
