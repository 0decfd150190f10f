// The Mantine theme: colours that meet WCAG 2.2 AA contrast (4.5:1 for text) in light and dark.
// Mantine's defaults do not (white on the filled blue is 3.55:1, dimmed text 3.32:1 in light and
// 4.03:1 in dark, a blue outline badge 3.55:1), so this owns three things: filled colours pick
// black or white text by luminance (autoContrast), every coloured text (outline, light variant,
// `c="red"`, links, errors) is darkened in light or lightened in dark until it reads on its own
// tinted background, and the dimmed grey is darker (light) or lighter (dark).
// test/e2e/accessibility-audit.test.ts holds every main screen to this with axe-core.

import {
  createTheme,
  darken,
  defaultCssVariablesResolver,
  lighten,
  luminance,
  toRgba,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  DEFAULT_THEME,
  NavLink,
} from '@mantine/core';

/** WCAG AA for normal text is 4.5; a small margin keeps rounding in the browser from tipping it. */
const TEXT_CONTRAST = 4.6;

/** The WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** A colour as #rrggbb (Mantine's darken and lighten answer rgba()). */
function toHex(color: string): string {
  const { r, g, b } = toRgba(color);
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** `text` darkened (or lightened) in small steps until it reads on `background`, as #rrggbb. */
export function readableOn(text: string, background: string, towards: 'dark' | 'light'): string {
  for (let step = 0; step <= 20; step++) {
    const candidate =
      step === 0
        ? text
        : towards === 'dark'
          ? darken(text, step * 0.05)
          : lighten(text, step * 0.05);
    if (contrast(candidate, background) >= TEXT_CONTRAST) return toHex(candidate);
  }
  return towards === 'dark' ? '#000000' : '#ffffff';
}

const colors = DEFAULT_THEME.colors;
/** The dark scheme's page background (dark.7) and Mantine's tint behind a light variant there. */
const DARK_BODY = colors.dark[7];
const darkTint = (palette: MantineColorsTuple) => darken(palette[9], 0.3);

/** Dimmed text: gray 6 (3.32:1 on white) becomes a darker grey; dark 2 (4.03:1) becomes dark 1. */
const DIMMED_LIGHT = readableOn(colors.gray[6], colors.blue[1], 'dark');
const DIMMED_DARK = readableOn(colors.dark[1], darkTint(colors.blue), 'light');

/** Computed once per theme: MantineProvider asks again on every render. */
const resolved = new WeakMap<object, ReturnType<CSSVariablesResolver>>();

const resolver: CSSVariablesResolver = (theme) => {
  const cached = resolved.get(theme);
  if (cached) return cached;
  const result = resolveVariables(theme);
  resolved.set(theme, result);
  return result;
};

function resolveVariables(
  theme: Parameters<CSSVariablesResolver>[0],
): ReturnType<CSSVariablesResolver> {
  const base = defaultCssVariablesResolver(theme);
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const [name, palette] of Object.entries(theme.colors)) {
    if (!Array.isArray(palette) || palette.length < 10) continue;
    // Light: the light variant sits on shade 0 (shade 1 when hovered or selected); its text, the
    // outline variant and `c="<colour>"` use one shade dark enough for shade 1.
    const textLight = readableOn(palette[8]!, palette[1]!, 'dark');
    light[`--mantine-color-${name}-light`] = palette[0]!;
    light[`--mantine-color-${name}-light-hover`] = palette[1]!;
    light[`--mantine-color-${name}-light-color`] = readableOn(palette[9]!, palette[1]!, 'dark');
    light[`--mantine-color-${name}-text`] = textLight;
    light[`--mantine-color-${name}-outline`] = textLight;
    // Dark: text and outlines light enough for the tinted background of a selected row.
    const textDark = readableOn(palette[3]!, darkTint(palette as MantineColorsTuple), 'light');
    dark[`--mantine-color-${name}-text`] = textDark;
    dark[`--mantine-color-${name}-outline`] = textDark;
  }
  return {
    variables: base.variables,
    light: {
      ...base.light,
      ...light,
      '--mantine-color-dimmed': DIMMED_LIGHT,
      '--mantine-color-anchor': light['--mantine-color-blue-text']!,
      '--mantine-color-error': light['--mantine-color-red-text']!,
    },
    dark: {
      ...base.dark,
      ...dark,
      '--mantine-color-dimmed': DIMMED_DARK,
      '--mantine-color-anchor': dark['--mantine-color-blue-text']!,
      '--mantine-color-error': readableOn(colors.red[5], DARK_BODY, 'light'),
    },
  };
}

export const theme = createTheme({
  primaryColor: 'blue',
  // Shade 8 in both schemes: white on blue 8 is 5:1 (on the default shade 6, 3.55:1).
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  // Filled colours take black or white text, whichever contrasts more: 0.179 is the luminance
  // where both reach 4.58:1 (green 8 gets black text, blue 8 white).
  autoContrast: true,
  luminanceThreshold: 0.179,
  components: {
    // A selected NavLink fades its description to 0.9, which takes dimmed text under 4.5:1.
    NavLink: NavLink.extend({ styles: { description: { opacity: 1 } } }),
  },
});

export const cssVariablesResolver = resolver;
