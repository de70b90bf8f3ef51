import { type ServerResponse, STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ClientSide } from './exchange.js'
import { dockerErrorBody } from './refusal.js'

/**
 * The client of an ordinary request: errors go out as an HTTP response with Docker's JSON body.
 *
 * @example httpClientSide(res).sendError(403, 'airlock: denied ...', false)
 */
export function httpClientSide(res: ServerResponse): ClientSide {
  return {
    get gone() {
      return res.destroyed || res.socket?.destroyed === true
    },
    sendError(status, message, close, headers) {
      if (res.headersSent || res.destroyed) {
        res.destroy()
        return
      }
      const text = dockerErrorBody(message)
      res.writeHead(status, {
        ...headers,
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...(close && { Connection: 'close' }),
      })
      res.end(text)
    },
  }
}

/** Header names and values that may go on the wire as they are (no CR, LF or other controls). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const VALUE = /^[\t\x20-\x7e]*$/

/**
 * The raw bytes of an error response with Docker's JSON body. `headers` (e.g. `Retry-After`) are
 * added when their names and values are plain header text. `announceClose` adds `Connection: close`
 * (the caller closes the connection either way).
 *
 * @example rawErrorResponse(429, 'airlock: too many requests: ...', { 'Retry-After': '3' })
 */
export function rawErrorResponse(
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
  announceClose = true,
): string {
  const text = dockerErrorBody(message)
  let extra = ''
  for (const [name, value] of Object.entries(headers)) {
    if (TOKEN.test(name) && VALUE.test(value)) extra += `${name}: ${value}\r\n`
  }
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n${extra}Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n${announceClose ? 'Connection: close\r\n' : ''}\r\n${text}`
}

/**
 * The client of an Upgrade request (a raw socket Node handed over): errors are written as a raw
 * response and the connection is closed — without saying `Connection: close`, because the docker
 * CLI 20.10 then takes the connection as hijacked and reads the JSON body as stream frames
 * ("Unrecognized input header: 123"); without it, it reports the status ("unable to upgrade to tcp,
 * received 403"), as current CLIs do either way.
 *
 * @example socketClientSide(socket).sendError(400, 'airlock: refused: ...', true)
 */
export function socketClientSide(socket: Socket): ClientSide {
  return {
    get gone() {
      return socket.destroyed
    },
    sendError(status, message, _close, headers) {
      if (socket.destroyed) return
      socket.end(rawErrorResponse(status, message, headers, false))
      socket.once('finish', () => socket.destroy())
    },
  }
}
