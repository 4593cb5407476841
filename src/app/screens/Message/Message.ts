/**
 * The full-screen message ('message'): errors and notices. The tone shows as an icon and a word
 * (never colour alone), then the title, what happened / what to do, an optional rule, the
 * operator's phone when the flow asks for it, and a row of buttons (the first has the focus unless
 * the props say which; Left/Right move; OK sends that button's event; Back sends the last button's
 * event).
 */
import { Lightning } from '@lightningjs/sdk';
import { ButtonRow } from '../../components/ButtonRow/ButtonRow';
import { ScreenFrame } from '../../components/ScreenFrame/ScreenFrame';
import { currentLanguage, message, t } from '../../i18n/i18n';
import { settings } from '../../settings/settings';
import { paragraph } from '../../theme/paragraph';
import { theme } from '../../theme/tokens';
import type { MessageProps } from '../../view/app-view';
import { Screen } from '../Screen';
import { messageStyles } from './Message.styles';
import { ShellScreen } from '../ids';
import { spokenJoin } from '../content';

/** The operator contact line ("お困りのときは …（電話）までお電話ください。") and the hours, if known. */
export const operatorContact = (): { line: string; hours?: string } => {
  const { operator } = settings();
  const language = currentLanguage();
  const line = t('common.contact', { operator: operator.name[language], phone: operator.phone });
  return operator.hours
    ? { line, hours: t('message.operatorHours', { hours: operator.hours[language] }) }
    : { line };
};

/** The message layout, for any props that can be turned into MessageProps (see CertificateNotice). */
export abstract class MessageLayout<Props> extends Screen<Props> {
  static override _template() {
    const s = messageStyles(theme());
    const { content } = s;
    return {
      Frame: { type: ScreenFrame },
      Content: {
        x: content.x,
        y: content.y,
        w: content.w,
        flex: { direction: 'column', alignItems: 'flex-start' },
        // The tone beside the text it qualifies: icon + word first, then what happened.
        Top: {
          flex: { direction: 'row', alignItems: 'flex-start' },
          flexItem: { marginBottom: s.tone.gapAfter },
          Tone: {
            rect: true,
            color: s.tone.fill,
            shader: { type: Lightning.shaders.RoundedRectangle, radius: s.tone.radius },
            flex: { direction: 'row', paddingLeft: s.tone.paddingX, paddingRight: s.tone.paddingX },
            flexItem: { marginRight: s.tone.gapAfter * 2 },
            Word: {
              text: {
                text: '',
                fontFace: s.fontFace,
                fontSize: s.tone.fontSize,
                lineHeight: s.tone.lineHeight,
                textColor: s.tone.color,
              },
            },
          },
          Texts: {
            flex: { direction: 'column' },
            Body: paragraph(s.body, s.fontFace, s.textW),
            Rule: paragraph(s.rule, s.fontFace, s.textW),
          },
        },
        Contact: paragraph(s.contact, s.fontFace, content.w),
        Hours: paragraph(s.hours, s.fontFace, content.w),
        Buttons: { type: ButtonRow, flexItem: { marginLeft: s.buttonsMarginX } },
      },
    };
  }

  /** The message this screen shows for its props. */
  protected abstract messageOf(props: Props): MessageProps;

  protected get shown(): MessageProps {
    return this.messageOf(this.props);
  }

  protected render(props: Props) {
    const s = messageStyles(theme());
    const shown = this.messageOf(props);
    const language = currentLanguage();
    // No colour-key legend: the message needs the room, and its buttons say what to do.
    this.tag('Frame')?.patch({
      frame: { title: t(shown.titleKey), keyHints: false },
    });
    this.tag('Content.Top.Tone.Word')?.patch({
      text: { text: t(shown.tone === 'error' ? 'message.iconError' : 'message.iconNotice') },
    });
    this.tag('Content.Top.Texts.Body')?.patch({ text: { text: message(shown.body) } });
    this.tag('Content.Top.Texts.Rule')?.patch({
      visible: Boolean(shown.rule),
      text: { text: shown.rule?.[language] ?? '' },
    });
    const contact = shown.contact ? operatorContact() : undefined;
    this.tag('Content.Contact')?.patch({ visible: Boolean(contact), text: { text: contact?.line ?? '' } });
    this.tag('Content.Hours')?.patch({
      visible: Boolean(contact?.hours),
      text: { text: contact?.hours ?? '' },
    });
    this.tag('Content.Buttons')?.patch({
      content: {
        gap: s.buttonGap,
        focus: shown.focus ?? 0,
        buttons: shown.actions.map((action) => ({
          label: t(action.labelKey),
          onPress: () => this.send(action.event),
        })),
      },
    });
  }

  announcement(): string {
    const shown = this.shown;
    const focused = shown.actions[shown.focus ?? 0];
    return spokenJoin([t(shown.titleKey), message(shown.body), focused ? t(focused.labelKey) : undefined]);
  }

  override _getFocused() {
    return this.tag('Content.Buttons') as unknown as ButtonRow;
  }

  override _handleBack() {
    const last = this.shown.actions[this.shown.actions.length - 1];
    if (last) this.send(last.event);
    return true;
  }
}

export class Message extends MessageLayout<MessageProps> {
  static readonly screenName = ShellScreen.message;

  protected messageOf(props: MessageProps): MessageProps {
    return props;
  }
}
