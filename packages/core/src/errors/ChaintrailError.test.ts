import { describe, expect, it } from 'vitest';
import { throwIfAborted } from './abort.ts';
import { ChaintrailError, isChaintrailError } from './ChaintrailError.ts';

describe('ChaintrailError', () => {
  it('carries code, shortMessage, details, meta and cause', () => {
    const cause = new Error('socket hang up');
    const e = new ChaintrailError('NETWORK_ERROR', 'Could not reach the node.', {
      details: 'Is bitcoind running?',
      cause,
      meta: { url: 'http://127.0.0.1:8332' },
    });
    expect(e.code).toBe('NETWORK_ERROR');
    expect(e.shortMessage).toBe('Could not reach the node.');
    expect(e.message).toContain('Is bitcoind running?');
    expect(e.cause).toBe(cause);
    expect(e.meta).toEqual({ url: 'http://127.0.0.1:8332' });
  });

  it('is matched by code through the guard, never by text', () => {
    const e = new ChaintrailError('RATE_LIMITED', 'Too many requests.');
    expect(isChaintrailError(e)).toBe(true);
    expect(isChaintrailError(e, 'RATE_LIMITED')).toBe(true);
    expect(isChaintrailError(e, 'TIMEOUT')).toBe(false);
    expect(isChaintrailError(new Error('RATE_LIMITED'))).toBe(false);
  });

  it('turns a fired AbortSignal into ABORTED with the reason as cause', () => {
    const controller = new AbortController();
    throwIfAborted(controller.signal);
    controller.abort('user');
    try {
      throwIfAborted(controller.signal);
      expect.unreachable();
    } catch (e) {
      expect(isChaintrailError(e, 'ABORTED')).toBe(true);
      expect((e as Error).cause).toBe('user');
    }
  });
});
