/** The events components fire up the tree to the shell (Lightning's augmentable map). */
import type { AppEvent } from './Screen';

declare module '@lightningjs/core' {
  namespace Component {
    interface FireAncestorsMap {
      /** Send a semantic event to the actor the current view targets. */
      $send(event: AppEvent): void;
      /** Speak this text now. */
      $announce(text: string): void;
      /** Open the help overlay (the home menu's ヘルプ item; the Red key does it too). */
      $openHelp(): void;
      /** Close the help overlay (Back or OK on it). */
      $closeHelp(): void;
    }
  }
}
