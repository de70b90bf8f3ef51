import { AirlockError } from '../errors.js'

/**
 * A caller that could not be identified where identity is required: the proxy answers 401 with this
 * message (and records it).
 *
 * @example throw new Unauthenticated('the bearer token is not valid')
 */
export class Unauthenticated extends AirlockError {
  constructor(message: string) {
    super('E_UNAUTHENTICATED', message)
    this.name = 'Unauthenticated'
  }
}
