// How a button that starts something irreversible (revoke at Zoho, remove from this computer)
// looks: red in both themes. Mantine's "subtle" and "light" variants colour their text with the
// `light-color` shade, which in the dark theme is red-0 (almost white), so such a button read as
// a neutral one there; "outline" uses the red outline shade in both themes.

export const DESTRUCTIVE = { color: 'red', variant: 'outline' } as const;
