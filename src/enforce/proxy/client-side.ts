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
    sendError(status, message, close) {
      if (res.headersSent || res.destroyed) {
        res.destroy()
        return
      }
      const text = dockerErrorBody(message)
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
        ...(close && { Connection: 'close' }),
      })
      res.end(text)
    },
  }
}

/**
 * The raw bytes of an error response with Docker's JSON body, closing the connection.
 *
 * @example rawErrorResponse(400, 'airlock: refused: ...')
 */
export function rawErrorResponse(status: number, message: string): string {
  const text = dockerErrorBody(message)
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`
}

/**
 * The client of an Upgrade request (a raw socket Node handed over): errors are written as a raw
 * response and the connection is closed.
 *
 * @example socketClientSide(socket).sendError(400, 'airlock: refused: ...', true)
 */
export function socketClientSide(socket: Socket): ClientSide {
  return {
    get gone() {
      return socket.destroyed
    },
    sendError(status, message) {
      if (socket.destroyed) return
      socket.end(rawErrorResponse(status, message))
      socket.once('finish', () => socket.destroy())
    },
  }
}
