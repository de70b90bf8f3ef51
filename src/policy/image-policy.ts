import { isImageId, parseImageReference, registryAllowed } from './image-reference.js'

/**
 * Why an image reference may not be pulled or run under a registry allow-list, or undefined when it
 * may. A reference dockerd cannot parse is always reported (Airlock cannot tell where it points);
 * the rest only when `allowed` is non-empty: image ids and bare hex names (which dockerd may resolve
 * to a local image by id prefix) have no registry to check.
 *
 * @example registryProblem('evil.example.com/x', ['docker.io'])
 * // 'comes from registry evil.example.com, which is not allowed (allowed: docker.io)'
 */
export function registryProblem(image: string, allowed: readonly string[]): string | undefined {
  const ref = isImageId(image) ? undefined : parseImageReference(image)
  if (!ref && !isImageId(image)) return 'is not an image reference dockerd can parse'
  if (allowed.length === 0) return undefined
  if (!ref) return 'names a local image by id, so its registry cannot be checked'
  if (/^[a-f0-9]{1,63}$/.test(image)) {
    return 'may name a local image by id prefix, so its registry cannot be checked'
  }
  if (registryAllowed(ref, allowed)) return undefined
  return `comes from registry ${ref.domain}, which is not allowed (allowed: ${allowed.join(', ')})`
}
