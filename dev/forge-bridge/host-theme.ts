// What the host does for `view.theme.enable()`: Forge applies Bitbucket's current theme to the app's iframe (the
// design-token CSS and `<html data-theme data-color-mode>`, as @atlaskit/tokens' setGlobalTheme sets them). Here
// the page URL's `theme` stands in for the signed-in user's Bitbucket theme.
import { PageRequestError } from './pageContext';

export type ColorMode = 'light' | 'dark';

/** Token sheets the host applies, by theme id (`<id>:<id>` in data-theme; @atlaskit/tokens artifacts). */
export const THEME_SHEETS = ['light', 'dark', 'spacing', 'typography', 'shape'] as const;
export type ThemeSheet = (typeof THEME_SHEETS)[number];

/** The host's theme as `view.getContext().theme` reports it (@atlaskit/tokens ThemeState). */
export function themeState(colorMode: ColorMode): Record<string, string> {
  return {
    colorMode,
    light: 'light',
    dark: 'dark',
    spacing: 'spacing',
    typography: 'typography',
    shape: 'shape',
  };
}

/** `?theme=light|dark` on a page URL; Bitbucket's default is light. */
export function colorModeFrom(query: URLSearchParams): ColorMode {
  const raw = query.get('theme');
  if (raw === null || raw === 'light') return 'light';
  if (raw === 'dark') return 'dark';
  throw new PageRequestError(400, `query parameter 'theme' must be 'light' or 'dark', not '${raw}'`);
}

const sheets = new Map<ThemeSheet, string>();

/** The CSS of one token sheet, as @atlaskit/tokens ships it (each artifact module exports its CSS as a string). */
export function themeSheetCss(id: string): string | undefined {
  if (!(THEME_SHEETS as readonly string[]).includes(id)) return undefined;
  const sheet = id as ThemeSheet;
  let css = sheets.get(sheet);
  if (css === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const artifact = require(`@atlaskit/tokens/dist/cjs/artifacts/themes/atlassian-${sheet}.js`) as {
      default: string;
    };
    css = artifact.default;
    sheets.set(sheet, css);
  }
  return css;
}
