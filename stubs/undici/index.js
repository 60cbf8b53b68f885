// Stands in for undici inside @actions/http-client (see README.md beside this file). http-client
// imports ProxyAgent only for getAgentDispatcher(), which udts-wait never calls: its requests go
// through node:http and http-client's own proxy tunnel.
export class ProxyAgent {
  constructor() {
    throw new Error('udts-wait does not bundle undici: ProxyAgent is not available');
  }
}
