import { describe, expect, it } from 'vitest';
import { unreadBadge, unreadCount } from './unread-count.ts';

const page = (unread: number, read: number) => [...Array.from({ length: unread }, () => ({ read: false })), ...Array.from({ length: read }, () => ({ read: true }))];

describe('unreadCount', () => {
  it('counts the unread notifications when every one is loaded', () => {
    expect(unreadBadge(unreadCount(page(3, 5), false))).toBe('3');
  });

  it('does not claim a full page is all there is: the newest 100, with older ones left, is "100+"', () => {
    expect(unreadBadge(unreadCount(page(100, 0), true))).toBe('100+');
  });

  it('shows no badge when nothing loaded is unread', () => {
    expect(unreadBadge(unreadCount(page(0, 4), true))).toBe('');
  });
});
