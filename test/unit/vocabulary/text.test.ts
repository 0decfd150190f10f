// The shared wording of time, hosts and order: one format for "time left" everywhere (the token
// card, the tray, notifications), lengths of seconds, "… ago" in words, and natural order.
import { describe, expect, it } from 'vitest';
import {
  compareNatural,
  describeAgo,
  describeSeconds,
  formatTimeLeft,
  hostOf,
} from '../../../main/vocabulary/index.js';

describe('formatTimeLeft', () => {
  // These were the desktop app's own "time left" texts ("less than a minute", "59 min",
  // "2 h 5 min"); it now says time left as the window does.
  it.each([
    [30_000, '0:30'],
    [60_000, '1:00'],
    [59 * 60_000 + 59_000, '59:59'],
    [60 * 60_000, '1 h 00 min'],
    [125 * 60_000, '2 h 05 min'],
  ])('%i ms -> %s', (ms, text) => expect(formatTimeLeft(ms)).toBe(text));

  it('rounds up to the next second and says 0:00 once past', () => {
    expect(formatTimeLeft(179_001)).toBe('3:00');
    expect(formatTimeLeft(-5_000)).toBe('0:00');
  });
});

describe('describeSeconds', () => {
  it('says seconds under a minute, and never rounds a second away', () => {
    expect(describeSeconds(45)).toBe('45 s');
    expect(describeSeconds(300)).toBe('5 min');
    expect(describeSeconds(90)).toBe('1 min 30 s');
  });
});

describe('describeAgo', () => {
  it('says it in words', () => {
    expect(describeAgo(1_000)).toBe('1 second ago');
    expect(describeAgo(45_000)).toBe('45 seconds ago');
    expect(describeAgo(60_000)).toBe('1 minute ago');
    expect(describeAgo(90 * 60_000)).toBe('90 minutes ago');
    expect(describeAgo(3 * 3_600_000)).toBe('3 hours ago');
    expect(describeAgo(3 * 86_400_000)).toBe('3 days ago');
  });
});

describe('hostOf', () => {
  it('names the host and port only, and never echoes what is not a URL', () => {
    expect(hostOf('https://accounts.zoho.eu/oauth/v2/token?refresh_token=x')).toBe(
      'accounts.zoho.eu',
    );
    expect(hostOf('http://127.0.0.1:8080/x')).toBe('127.0.0.1:8080');
    expect(hostOf('not a url with a secret')).toBe('the server');
  });
});

describe('compareNatural', () => {
  it('puts numbers in numeric order, ignores case first, and is total', () => {
    expect(['client-10', 'Client-9', 'client-9', 'Org 2'].sort(compareNatural)).toEqual([
      'Client-9',
      'client-9',
      'client-10',
      'Org 2',
    ]);
  });
});
