# Sourced by bench/run-ratio.sh and bench/ratio/serve-urne.sh: the fixed credentials of a loopback-only benchmark.
# The tokens' SHA-256 are in bench/ratio/urne-ratio.yaml; none of these protects anything.
readonly PLATFORM_TOKEN=ratio-platform-token-0001-not-a-secret
readonly OPERATOR_TOKEN=ratio-operator-token-0001-not-a-secret
readonly VOTER_SECRET=ratio-voter-secret-0001-0123456789abcdef0123456789abcdef
