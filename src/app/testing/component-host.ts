import type { Lightning } from '@lightningjs/sdk';
import { Screen } from '../screens/Screen';

/**
 * A screen holding one component under test (its template names it `Hosted`), focused as the shell
 * would focus it. The host itself says nothing: what is spoken is the component's.
 */
export abstract class ComponentHost<Props, Hosted> extends Screen<Props> {
  protected get hosted(): Hosted {
    return this.tag('Hosted') as unknown as Hosted;
  }
  announcement(): string {
    return '';
  }
  override _getFocused() {
    return this.hosted as unknown as Lightning.Component;
  }
}
