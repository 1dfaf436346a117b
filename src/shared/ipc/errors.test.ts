import { describe, expect, it } from 'vitest';
import { formatIpcError, readIpcError } from './errors';

describe('IPC errors', () => {
  it('survive the trip through an Error message', () => {
    const error = new Error(formatIpcError({ code: 'POLICY_LOCKED', message: 'hubUrl is locked' }));
    expect(readIpcError(error)).toEqual({ code: 'POLICY_LOCKED', message: 'hubUrl is locked' });
  });

  it("read Electron's own wrapping of a rejected invoke", () => {
    const error = new Error(
      "Error invoking remote method 'settings:setHubUrl': Error: [INVALID_ARGUMENT] settings:setHubUrl: hub URL must be an http(s) address",
    );
    expect(readIpcError(error)).toEqual({
      code: 'INVALID_ARGUMENT',
      message: 'settings:setHubUrl: hub URL must be an http(s) address',
    });
  });

  it('fall back to INTERNAL for anything else', () => {
    expect(readIpcError(new Error('[NOT_A_CODE] x'))).toEqual({
      code: 'INTERNAL',
      message: '[NOT_A_CODE] x',
    });
    expect(readIpcError('plain')).toEqual({ code: 'INTERNAL', message: 'plain' });
  });
});
