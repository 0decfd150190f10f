// Text for screen readers only (a live region's announcement, a column's name): off screen in a
// 1 px box rather than display: none, which would hide it from them too.

import type { CSSProperties } from 'react';

export const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
};
