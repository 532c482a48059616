/**
 * iCalendar (RFC 5545) text, written by hand: a handful of properties do not justify a library.
 * Content lines end with CRLF and are folded at 75 octets (a continuation line starts with one
 * space), never inside a UTF-8 sequence; TEXT values escape backslash, semicolon, comma and newline.
 */

export const escapeText = (value: string) => value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');

const encoder = new TextEncoder();

/** One content line, folded so that no physical line exceeds 75 octets before its CRLF. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation 74 after its leading space.
    const room = parts.length === 0 ? 75 : 74;
    if (octets + size > room) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export type CalendarTodo = { uid: string; summary: string; description: string; due: string; url: string | null; stamp: Date };

const stampOf = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** A VCALENDAR of to-dos, each due on a date (VALUE=DATE: a next step has a day, not an hour). */
export function calendarOf(name: string, todos: CalendarTodo[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Mont-Blanc Sector Atlas//Prospecting//EN', 'CALSCALE:GREGORIAN', `X-WR-CALNAME:${escapeText(name)}`];
  for (const todo of todos) {
    lines.push(
      'BEGIN:VTODO',
      `UID:${todo.uid}`,
      `DTSTAMP:${stampOf(todo.stamp)}`,
      `DUE;VALUE=DATE:${todo.due.replace(/-/g, '')}`,
      `SUMMARY:${escapeText(todo.summary)}`,
      `DESCRIPTION:${escapeText(todo.description)}`,
      ...(todo.url ? [`URL:${todo.url}`] : []),
      'STATUS:NEEDS-ACTION',
      'END:VTODO',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
