/**
 * Learner-influenced text (test messages, printed output, file names) is untrusted in every report
 * format. These helpers cap it and make it inert for the markup it lands in; each format module adds
 * only what is particular to its own syntax (Markdown tables, workflow-command properties …).
 */

/** Appended where a text was cut, so a reader knows more exists (the JSON scorecard keeps it all). */
export const CUT_MARK = '… (cut)';

/**
 * At most `max` characters (UTF-16 units) including the cut mark. Never splits a surrogate pair, so
 * the result stays valid Unicode in every format.
 */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - CUT_MARK.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${CUT_MARK}`;
}

/**
 * Characters XML 1.0 forbids even as character references (C0 controls but tab, LF and CR; lone
 * surrogates; U+FFFE/U+FFFF) are dropped, and with them the terminal escape sequences they start
 * (colours, OSC 8 links in a learner's output): no report format renders them, and a log viewer would.
 */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const TERMINAL_ESCAPE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?)/g;

export function printable(text: string): string {
  return text.replace(TERMINAL_ESCAPE, '').replace(ILLEGAL_XML, '');
}

/**
 * Text for XML or HTML, in an element or a quoted attribute alike: the five special characters as
 * entities, and in attributes also tab/LF/CR as references so attribute-value normalisation keeps them.
 */
export function escapeMarkup(text: string, where: 'text' | 'attribute' = 'text'): string {
  const escaped = printable(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  const inert = inertCommands(escaped);
  return where === 'attribute' ? inert.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : inert;
}

/**
 * A GitHub runner reads a log line as a workflow command when it starts with `::` after leading white
 * space (and, in the legacy syntax, anywhere it holds `##[`). Reports are files, not the log, but a
 * workflow may print one (`cat junit.xml`): in markup, such a colon or bracket becomes a character
 * reference, which every viewer shows as the character itself.
 */
export function inertCommands(markup: string): string {
  return markup.replace(/^([ \t]*):/gm, '$1&#58;').replace(/##\[/g, '##&#91;');
}

/**
 * The same guarantee for plain text that a tool prints to a log as is (the Classroom reporter prints
 * test messages): a zero-width space before a line's leading `::`, and inside `##[`. Runners do not
 * trim it, so the line is no longer a command; a reader sees the same characters.
 */
export function inertCommandsInPlainText(text: string): string {
  return text.replace(/^([ \t]*)::/gm, '$1\u200B::').replace(/##\[/g, '#\u200B#[');
}

/** `87` for 104.4 of 120: rounded down, so 100 % means every point. */
export function percentOf(points: number, maxPoints: number): number {
  return maxPoints > 0 ? Math.floor((points * 100) / maxPoints) : 0;
}

/** Seconds with millisecond precision, as JUnit and friends want them. */
export function secondsOf(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}
