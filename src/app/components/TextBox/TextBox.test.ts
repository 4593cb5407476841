import { textBox } from './TextBox';

const style = { w: 800, fontFace: 'Sans', fontSize: 40, lineHeight: 56, color: 0xffffffff };

describe('textBox', () => {
  it('wraps the text to the box width and leaves the text to the screen', () => {
    expect(textBox({ ...style, x: 10, y: 20 })).toEqual({
      x: 10,
      y: 20,
      w: 800,
      text: {
        text: '',
        fontFace: 'Sans',
        fontSize: 40,
        lineHeight: 56,
        textColor: 0xffffffff,
        wordWrapWidth: 800,
      },
    });
  });

  it('sets alignment, breaking anywhere and the line limit only when asked', () => {
    const text = textBox({ ...style, align: 'center', wordBreak: true, maxLines: 2 }).text;
    expect(text).toMatchObject({ textAlign: 'center', wordBreak: true, maxLines: 2 });
    expect(Object.keys(textBox(style))).toEqual(['w', 'text']);
    expect(Object.keys(textBox(style).text)).not.toEqual(expect.arrayContaining(['textAlign']));
    expect(Object.keys(textBox(style).text)).not.toEqual(expect.arrayContaining(['wordBreak']));
    expect(Object.keys(textBox(style).text)).not.toEqual(expect.arrayContaining(['maxLines']));
  });
});
