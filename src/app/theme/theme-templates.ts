/**
 * Lightning parses a component class's `_template()` once and keeps it on the class, so a screen
 * made again after the theme changed (high contrast, the viewer's text size) would come back in
 * the old colours and sizes. This makes a class parse its template again once per theme.
 */
import { Lightning } from '@lightningjs/sdk';
import { theme, type Theme } from './tokens';

interface TemplateCache {
  getTemplateFunc(ctx: unknown): unknown;
  /** Lightning's own mark: the class whose `_templateFunc` is parsed. */
  __has_templateFunc?: unknown;
  /** Ours: the theme that parse was made with. */
  __templateTheme?: Theme;
}

let installed = false;

export function rebuildTemplatesOnThemeChange(): void {
  if (installed) return;
  installed = true;
  const base = Lightning.Component as unknown as TemplateCache;
  const parse = base.getTemplateFunc;
  base.getTemplateFunc = function getTemplateFunc(this: TemplateCache, ctx: unknown) {
    const current = theme();
    if (!Object.prototype.hasOwnProperty.call(this, '__templateTheme') || this.__templateTheme !== current) {
      this.__has_templateFunc = undefined;
      this.__templateTheme = current;
    }
    return parse.call(this, ctx);
  };
}
