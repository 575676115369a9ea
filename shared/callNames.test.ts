// The preload's list of call names is the contract's, in the same order.
import { describe, expect, it } from 'vitest';
import { CALL_NAMES } from './api';
import { CALL_NAME_LIST, ipcChannel } from './callNames';

describe('call names for the preload', () => {
  it('name exactly the calls of the contract', () => {
    expect([...CALL_NAME_LIST]).toEqual(CALL_NAMES);
  });
  it('each has its own IPC channel', () => {
    expect(new Set(CALL_NAME_LIST.map(ipcChannel)).size).toBe(CALL_NAME_LIST.length);
    expect(ipcChannel('sightings.create')).toBe('qw:sightings.create');
  });
});
