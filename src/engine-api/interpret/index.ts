import type { ActionKind } from '../../model/action.js'
import { interpretContainerCreate } from './container-create.js'
import { interpretContainerStart } from './container-start.js'
import { interpretContainerUpdate } from './container-update.js'
import { interpretExecCreate, interpretExecStart } from './exec.js'
import { interpretImageBuild } from './image-build.js'
import { interpretImageCommit } from './image-commit.js'
import type { Interpretation, Interpreter, InterpretInput } from './interpretation.js'
import { interpretPlain } from './plain.js'
import { interpretArchivePut, interpretImageCreate } from './query-only.js'
import {
  interpretNetworkConnect,
  interpretNetworkCreate,
  interpretPluginInstall,
  interpretVolumeCreate,
} from './resources.js'
import { interpretService } from './service.js'
import { interpretPluginSet, interpretStrictJson } from './strict-json.js'

const INTERPRETERS: Partial<Record<ActionKind, Interpreter>> = {
  'container.create': interpretContainerCreate,
  'container.start': interpretContainerStart,
  'container.update': interpretContainerUpdate,
  'exec.create': interpretExecCreate,
  'exec.start': interpretExecStart,
  'archive.put': interpretArchivePut,
  'image.build': interpretImageBuild,
  'image.create': interpretImageCreate,
  'image.commit': interpretImageCommit,
  'volume.create': interpretVolumeCreate,
  'network.create': interpretNetworkCreate,
  'network.connect': interpretNetworkConnect,
  'plugin.pull': interpretPluginInstall,
  'plugin.upgrade': interpretPluginInstall,
  'plugin.set': interpretPluginSet,
  'service.create': interpretService,
  'service.update': interpretService,
}

/**
 * Interprets a classified request: the action to decide on and how to forward its body. Every route
 * with a JSON body has an interpreter that decodes it as dockerd does; routes without one are decided
 * on by kind and target, and their JSON bodies (if any) are checked for well-formedness.
 *
 * @example interpretRequest({ req: classifyRequest('POST', '/v1.41/containers/create'), body, headers }).action.kind
 */
export function interpretRequest(input: InterpretInput): Interpretation {
  const specific = INTERPRETERS[input.req.route.kind]
  if (specific) return specific(input)
  const body = input.req.route.body
  if (body === 'json' || body === 'json-optional') return interpretStrictJson(input)
  return interpretPlain(input)
}

export type { Interpretation, Interpreter, InterpretInput } from './interpretation.js'
