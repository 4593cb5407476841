/**
 * The base of every screen: the shell hands it the view of the machine's snapshot (`update`), and
 * the screen sends semantic events back (`send`) to the actor the view names. Screens keep no flow
 * state of their own; only focus (which row is highlighted) lives in the view.
 */
import { Lightning } from '@lightningjs/sdk';

/** Which actor a screen's events go to. */
export type ActorTarget =
  'session' | 'login' | 'registration' | 'health' | 'booking' | 'inbox' | 'moving' | 'companion';
export interface AppEvent {
  type: string;
  [field: string]: unknown;
}

export abstract class Screen<Props> extends Lightning.Component {
  protected props!: Props;

  /** The shell calls this with every new view of this screen (first right after attach). */
  update(props: Props): void {
    this.props = props;
    this.render(props);
  }

  /** Patch the elements from the props (and the current language). */
  protected abstract render(props: Props): void;

  /** What the voice says when the screen appears (title and what to do); focus adds its own. */
  abstract announcement(): string;

  protected send(event: AppEvent): void {
    this.fireAncestors('$send', event);
  }

  /** Speaks `text` now (a focus change, a new message on the same screen). */
  protected announce(text: string): void {
    this.fireAncestors('$announce', text);
  }
}

export type ScreenClass = new (...args: never[]) => Screen<never>;
