#!/usr/bin/env bash
# Makes the Galera cluster's own certificate authority and one certificate per node, for the nodes'
# traffic to each other (replication, incremental transfers: socket.ssl_* in 60-galera.cnf; full
# copies: the [sst] group) and for the application's connections to the nodes (ssl_* in [mysqld]).
#
#   ./make-cluster-certificates.sh [-o FOLDER] NODE_ADDRESS [NODE_ADDRESS...]
#
# NODE_ADDRESS: each node's IPv4 address on the hall's wired network, in node order (node1 first),
# e.g. 10.0.0.11 10.0.0.12 10.0.0.13 (a garbd arbitrator needs one too).
#
# This is not the hall CA of make-lan-certificate.sh: that one may vouch only for the application's
# addresses, which the tablets trust; this one may vouch only for the nodes' addresses (critical
# nameConstraints), and only the nodes and the application trust it.
#
# Writes into FOLDER (default: ./cluster-tls):
#   cluster-ca.crt            every node and every application server (to check the nodes)
#   nodeN.crt, nodeN.key      node N's certificate and key: copy to that node only
#   ca-private/cluster-ca.key the CA's private key: MOVE IT OFF THIS MACHINE (USB stick, in the safe)
set -euo pipefail
umask 077

out=cluster-tls
if [ "${1:-}" = "-o" ]; then
  out=${2:?usage: make-cluster-certificates.sh [-o FOLDER] NODE_ADDRESS [NODE_ADDRESS...]}
  shift 2
fi
[ $# -ge 1 ] || { echo "usage: make-cluster-certificates.sh [-o FOLDER] NODE_ADDRESS [NODE_ADDRESS...]" >&2; exit 2; }
if [ -e "$out/cluster-ca.crt" ]; then
  echo "$out/cluster-ca.crt exists already: choose another folder with -o, or move the old one away." >&2
  exit 1
fi
ipv4='^([0-9]{1,3}\.){3}[0-9]{1,3}$'
permitted=()
for address in "$@"; do
  [[ $address =~ $ipv4 ]] || { echo "Not an IPv4 address: $address" >&2; exit 2; }
  permitted+=("permitted;IP:$address/255.255.255.255")
done
# DNS names pinned to the reserved .invalid domain: a name type without a permitted subtree would be
# unconstrained (RFC 5280).
permitted+=("permitted;DNS:invalid")
join() { local IFS=,; echo "$*"; }

mkdir -p "$out/ca-private"
chmod 700 "$out" "$out/ca-private"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/ca.ext" <<EOF
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical, $(join "${permitted[@]}")
EOF
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -subj "/O=TinNhiem/CN=TinNhiem cluster CA" -keyout "$out/ca-private/cluster-ca.key" -out "$work/ca.csr" 2>/dev/null
openssl x509 -req -in "$work/ca.csr" -signkey "$out/ca-private/cluster-ca.key" -days 730 -sha256 \
  -extfile "$work/ca.ext" -out "$out/cluster-ca.crt" 2>/dev/null

n=0
for address in "$@"; do
  n=$((n + 1))
  # Each node is both a server and a client of the others (replication links are mutual TLS). The
  # subject is one word without a dot (MariaDB sends it to the donor of a full copy, and a space
  # there cancels the copy), so it is no host name and the name constraint applies to the
  # subjectAltName only.
  cat > "$work/node.ext" <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = IP:$address
EOF
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj "/O=TinNhiem/CN=tinnhiem-node$n" -keyout "$out/node$n.key" -out "$work/node.csr" 2>/dev/null
  openssl x509 -req -in "$work/node.csr" -CA "$out/cluster-ca.crt" -CAkey "$out/ca-private/cluster-ca.key" \
    -CAcreateserial -CAserial "$work/ca.srl" -days 730 -sha256 -extfile "$work/node.ext" \
    -out "$out/node$n.crt" 2>/dev/null
  openssl verify -CAfile "$out/cluster-ca.crt" "$out/node$n.crt" >/dev/null
done
chmod 644 "$out/cluster-ca.crt" "$out"/node*.crt

cat <<EOF
Written to $out/:
  cluster-ca.crt              to /etc/mysql/tls/ on every node and to /etc/tinnhiem/ on every
                              application server
  node1.crt .. node$n.crt/.key  node N's own pair: to /etc/mysql/tls/ on node N only (key: mode 0640,
                              root:mysql)
  ca-private/cluster-ca.key   the CA's private key

NOW move the CA key off this machine: copy $out/ca-private/ to a USB stick kept in the organiser's
safe, then delete it here (shred -u $out/ca-private/cluster-ca.key). It is needed again only to make a
certificate for a new or replaced node.
EOF
