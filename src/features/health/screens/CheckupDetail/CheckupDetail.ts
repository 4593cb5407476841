/**
 * One checkup: a row per item with its value and unit, and where it sits against its reference
 * range plus the grade, each as icon AND word (never colour alone). The panel under the list gives
 * the focused item's range and judgement in full sentences. OK on an item opens its trend; the last
 * row, スマートフォンに送る, sends the summary as this screen shows it (SEND_TO_PHONE).
 */
import type { MenuItem } from '../../../../app/components/Menu/Menu';
import { currentLanguage, t } from '../../../../app/i18n/i18n';
import type { Checkup, CheckupItemResult } from '../../../../platform/types';
import { canvasMeasure } from '../../../../app/theme/measure';
import { theme } from '../../../../app/theme/tokens';
import type { CheckupDetailProps } from '../../view/health-view';
import { POSITION_ICON, formatDate, judgementWord, positionText, rangePosition } from '../health-format';
import { HealthListScreen, healthListTemplate } from '../health-layout';
import { checkupDetailStyles } from './CheckupDetail.styles';
import { phoneItem } from '../../../../app/view/phone-send-view';

export type { CheckupDetailProps };

/** Between the name and the value: an ideographic space in Japanese, two spaces in English. */
const COLUMN_GAP = { ja: '\u3000', en: '  ' } as const;

const itemRow = (item: CheckupItemResult): MenuItem => {
  const position = rangePosition(item.value, item.referenceRange);
  const word = judgementWord(item.judgement);
  return {
    id: item.code,
    // The range is in the panel under the list (and said): with it, a row no longer fits at 特大.
    label: `${item.name}${COLUMN_GAP[currentLanguage()]}${item.value} ${item.unit}`,
    detail: t('health.checkup.judgement', {
      icon: POSITION_ICON[position],
      position: t(`health.short.${position}`),
      grade: item.judgement,
      word,
    }),
    spoken: t('health.checkup.itemSpoken', {
      range: item.referenceRange.text,
      position: t(`health.position.${position}`),
      grade: item.judgement,
      word,
    }),
  };
};

const focusedText = (item: CheckupItemResult): string =>
  `${t('health.checkup.focused', {
    range: item.referenceRange.text,
    position: positionText(rangePosition(item.value, item.referenceRange)),
    grade: item.judgement,
    word: judgementWord(item.judgement),
  })}\n${t('health.checkup.openTrend')}`;

/** The last row's id: no item code looks like it. */
const SEND_ROW = 'send-to-phone';

const sendRow = (): MenuItem => ({ id: SEND_ROW, label: t('common.sendToPhone'), action: true });

/** The summary the phone gets: the title, the place and overall grade, then a line per item. */
const checkupItem = (checkup: Checkup, header: string) =>
  phoneItem(
    'checkup',
    t('health.title.checkup', { date: formatDate(checkup.date) }),
    [
      header,
      ...checkup.items.map((item) => {
        const position = rangePosition(item.value, item.referenceRange);
        return `${item.name}\u3000${item.value} ${item.unit}\u3000${t('health.checkup.judgement', {
          icon: POSITION_ICON[position],
          position: t(`health.short.${position}`),
          grade: item.judgement,
          word: judgementWord(item.judgement),
        })}`;
      }),
    ],
    t('common.moreOnTv'),
  );

export class CheckupDetail extends HealthListScreen<CheckupDetailProps> {
  static override _template() {
    const s = checkupDetailStyles(theme());
    // The hint line holds the checkup's place and overall judgement.
    return healthListTemplate(s, { panel: true });
  }

  override _setup() {
    this.list.onSelect = (code) => {
      const { checkup } = this.props;
      if (code !== SEND_ROW) this.send({ type: 'SELECT', id: code });
      else if (checkup)
        this.send({ type: 'SEND_TO_PHONE', item: checkupItem(checkup, this.header(checkup)) });
    };
    this.list.onFocusItem = (code) => this.showFocused(code);
  }

  private header(checkup: Checkup): string {
    return t('health.checkup.header', {
      institution: checkup.institution,
      grade: checkup.overallJudgement,
      word: judgementWord(checkup.overallJudgement),
    });
  }

  protected render(props: CheckupDetailProps) {
    const { checkup } = props;
    const header = checkup ? this.header(checkup) : '';
    const one = checkupDetailStyles(theme());
    // The place is shown whole (the checkup list cuts it short): a long one takes two lines.
    const wide = canvasMeasure(one.hint.fontSize, one.fontFace)(header) > one.hintWrap;
    const s = wide ? checkupDetailStyles(theme(), 2) : one;
    const ready = !props.loading && checkup !== undefined;
    this.tag('Frame')?.patch({
      frame: {
        title: checkup
          ? t('health.title.checkup', { date: formatDate(checkup.date) })
          : t('health.title.list'),
      },
    });
    this.tag('Notice')?.patch({ text: { text: ready ? '' : t('health.loading') } });
    this.tag('Hint')?.patch({ visible: ready, text: { text: header, maxLines: wide ? 2 : 1 } });
    this.list.patch({ y: s.menu.y });
    this.tag('Panel')?.patch({ y: s.panel.y });
    this.showRows(s, ready ? [...checkup.items.map(itemRow), sendRow()] : undefined);
  }

  protected override showFocused(code: string | undefined) {
    const item = this.props?.checkup?.items.find((result) => result.code === code);
    this.tag('Panel')?.patch({
      visible: !this.props.loading && item !== undefined,
      text: { text: item ? focusedText(item) : '' },
    });
  }

  override _getFocused() {
    return this.props && !this.props.loading && this.props.checkup ? this.list : this;
  }

  announcement(): string {
    const checkup = this.props?.checkup;
    if (!checkup || this.props.loading) return t('health.loading');
    return t('health.checkup.spoken', { date: formatDate(checkup.date), count: checkup.items.length });
  }
}
