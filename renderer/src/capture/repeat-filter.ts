/**
 * A camera keeps seeing the code held up to it, ten times a second. The same text is one
 * capture until it has been out of sight for `windowMs`: every sighting extends the window,
 * so a badge left in front of the camera is not re-captured every few seconds. Pure: the
 * caller passes the time.
 */
export function createRepeatFilter(windowMs: number) {
  let lastText: string | null = null;
  let lastSeen = -Infinity;
  return {
    /** True when `text` seen at `time` is a new capture. */
    accept(text: string, time: number): boolean {
      const repeat = text === lastText && time - lastSeen < windowMs;
      lastText = text;
      lastSeen = time;
      return !repeat;
    },
  };
}
