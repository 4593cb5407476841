import { lineBreakTokens } from './line-break';

describe('where a line may wrap', () => {
  it('between Japanese characters, but never before 。 ー or a small kana', () => {
    expect(lineBreakTokens('カードを差し直してください。')).toEqual([
      'カー',
      'ド',
      'を',
      '差',
      'し',
      '直',
      'し',
      'て',
      'く',
      'だ',
      'さ',
      'い。',
    ]);
    expect(lineBreakTokens('ちょっと')).toEqual(['ちょっ', 'と']);
  });

  it('never after an opening bracket or before a closing one', () => {
    expect(lineBreakTokens('「決定」を押す')).toEqual(['「決', '定」', 'を', '押', 'す']);
    expect(lineBreakTokens('（0120-000-000）まで')).toEqual(['（0120-000-000）', 'ま', 'で']);
  });

  it('keeps the warning sign with its message across the no-break space', () => {
    expect(lineBreakTokens('⚠\u00A0カードが')).toEqual(['⚠\u00A0カー', 'ド', 'が']);
  });

  it('keeps Latin words whole, breaking at spaces and where they meet Japanese', () => {
    expect(lineBreakTokens('Press OK or Back')).toEqual(['Press', ' ', 'OK', ' ', 'or', ' ', 'Back']);
    expect(lineBreakTokens('青：English／日本語')).toEqual(['青：', 'English', '／', '日', '本', '語']);
  });
});
