// Types of unread.js for the tests that import it.
export function unreadCount(messages: { ts: string }[] | undefined, lastReadTs: string | undefined): number;
export function newestTs(messages: { ts: string }[] | undefined): string | undefined;
export function compareTs(a: string, b: string): number;
