import { FIRST_FOCUSED_FRAME, markAfterNextFrame } from './first-frame';

const stageStub = () => {
  let listener: (() => void) | undefined;
  return {
    once: (_event: 'frameEnd', next: () => void) => (listener = next),
    endFrame: () => listener?.(),
  };
};

describe('markAfterNextFrame', () => {
  it('marks once the frame has ended, not before', () => {
    const stage = stageStub();
    const mark = jest.fn();
    markAfterNextFrame(stage, FIRST_FOCUSED_FRAME, { mark });
    expect(mark).not.toHaveBeenCalled();
    stage.endFrame();
    expect(mark).toHaveBeenCalledWith('madoguchi:first-focused-frame');
  });

  it('does nothing where User Timing is missing', () => {
    const stage = stageStub();
    markAfterNextFrame(stage, FIRST_FOCUSED_FRAME, {} as Pick<Performance, 'mark'>);
    expect(() => stage.endFrame()).not.toThrow();
  });
});
