import type { Framework } from './framework.js'

/**
 * CIS Docker Benchmark v1.6.0, section 4 (Container Images and Build File Configuration): every
 * recommendation and the Dockerfile rules that cover it. Checked by `airlock scan` on Dockerfiles.
 */
export const CIS_DOCKER_1_6_SECTION_4: Framework = {
  key: 'cis-docker-1.6-section-4',
  name: 'CIS Docker Benchmark v1.6.0, section 4',
  url: 'https://www.cisecurity.org/benchmark/docker',
  controls: [
    { id: '4.1', title: 'Ensure that a user for the container has been created', rules: ['AL-0100'] },
    {
      id: '4.2',
      title: 'Ensure that containers use only trusted base images',
      rules: ['AL-0103'],
      note: 'AL-0103 makes the base reviewable (a version or digest); which registries and publishers are trusted is a policy decision (AL-0064 registry-allowed at run time).',
    },
    {
      id: '4.3',
      title: 'Ensure that unnecessary packages are not installed in the container',
      automated: false,
      reason:
        'Which packages a workload needs is a judgment about the application; an image scanner can list them, a Dockerfile does not say.',
    },
    {
      id: '4.4',
      title: 'Ensure images are scanned and rebuilt to include security patches',
      automated: false,
      reason:
        'Vulnerability scanning needs the built image and a vulnerability database, which is outside what the Dockerfile shows.',
    },
    {
      id: '4.5',
      title: 'Ensure Content trust for Docker is Enabled',
      automated: false,
      reason:
        'Content trust is a client setting (DOCKER_CONTENT_TRUST) and has been removed from current docker CLIs; digests in FROM (AL-0103) pin content instead.',
    },
    {
      id: '4.6',
      title: 'Ensure that HEALTHCHECK instructions have been added to container images',
      rules: ['AL-0101'],
    },
    {
      id: '4.7',
      title: 'Ensure update instructions are not used alone in the Dockerfile',
      automated: false,
      reason:
        'A lone package-index update is a layer-caching hygiene issue with no isolation impact; Airlock does not report it.',
    },
    {
      id: '4.8',
      title: 'Ensure setuid and setgid permissions are removed',
      automated: false,
      reason:
        'Which files carry setuid or setgid bits is only visible in the built image file system, not in the Dockerfile.',
    },
    {
      id: '4.9',
      title: 'Ensure that COPY is used instead of ADD in Dockerfiles',
      rules: ['AL-0102'],
      note: 'AL-0102 reports ADD of remote URLs without a checksum, the case with a security impact; ADD of local archives is left alone.',
    },
    { id: '4.10', title: 'Ensure secrets are not stored in Dockerfiles', rules: ['AL-0104'] },
    {
      id: '4.11',
      title: 'Ensure only verified packages are installed',
      rules: ['AL-0107'],
      note: 'AL-0107 reports downloads piped into a shell; whether package managers verify signatures depends on the base image configuration.',
    },
    {
      id: '4.12',
      title: 'Ensure all signed artifacts are validated',
      automated: false,
      reason:
        'Signature validation of artifacts (cosign, gpg) happens in build steps Airlock cannot judge from the Dockerfile text alone.',
    },
  ],
}
