/**
 * Writing answers: JSON as the APIs send it, and the faults a scenario can ask for instead.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Fault } from './scenario.js';

/** A JSON answer; every answer carries a request id, as the UDTS API's `X-UCLOUD-REQUEST-UUID`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-ucloud-request-uuid': randomUUID(), ...headers });
  res.end(JSON.stringify(body));
}

const HTML_PAGE = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

/** Answers with a fault; `action` names the UDTS action whose answer a truncated or retcode fault imitates. */
export function sendFault(res: ServerResponse, fault: Fault, action: string): void {
  switch (fault.kind) {
    case 'http':
      res.writeHead(fault.status, { 'content-type': 'text/html', 'x-ucloud-request-uuid': randomUUID() });
      res.end(fault.body ?? HTML_PAGE.replaceAll('502 Bad Gateway', `${fault.status} Error`));
      return;
    case 'reset':
      res.socket?.destroy();
      return;
    case 'hang':
      return; // never answered; closing the emulator cuts it
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"RetCode":0,"Action":"${action}Response","Data":{"Status":"Load`);
      return;
    case 'html':
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Please log in to the network</body></html>');
      return;
    case 'retcode':
      sendJson(res, 200, { RetCode: fault.retCode, Action: `${action}Response`, Message: fault.message ?? '' });
  }
}
