#!/usr/bin/env bash
# Makes the hall's certificate authority (CA) and the server's HTTPS certificate.
#
#   ./make-lan-certificate.sh [-o FOLDER] ADDRESS [ADDRESS...]
#
# ADDRESS: every IP address and host name the tablets and staff devices use to reach the server on the
# hall network, e.g. 192.168.1.10 (give the server a fixed address first) or tinnhiem.hoitruong.lan.
#
# The CA can only vouch for these addresses: its certificate carries a name constraint (X.509
# nameConstraints, critical) that permits exactly them, so even a stolen CA key cannot impersonate
# any other site to a device that trusts the hall CA. The CA key is written to a folder of its own,
# to be moved off the server at once (it is needed again only to make a new server certificate).
#
# Writes into FOLDER (default: ./hall-tls):
#   hall-ca.crt              install on every tablet and staff device as a trusted CA
#   tinnhiem.p12             the server's key and certificate (PKCS12 key store)
#   keystore-password        the key store's password, for the service's systemd credential
#   ca-private/hall-ca.key   the CA's private key: MOVE IT OFF THE SERVER (USB stick, in the safe)
set -euo pipefail
umask 077

out=hall-tls
if [ "${1:-}" = "-o" ]; then
  out=${2:?usage: make-lan-certificate.sh [-o FOLDER] ADDRESS [ADDRESS...]}
  shift 2
fi
[ $# -ge 1 ] || { echo "usage: make-lan-certificate.sh [-o FOLDER] ADDRESS [ADDRESS...]" >&2; exit 2; }
if [ -e "$out/tinnhiem.p12" ]; then
  echo "$out/tinnhiem.p12 exists already: choose another folder with -o, or move the old one away." >&2
  exit 1
fi

ipv4='^([0-9]{1,3}\.){3}[0-9]{1,3}$'
host='^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$'
san=()
permitted=()
has_ip=no
has_dns=no
for address in "$@"; do
  if [[ $address =~ $ipv4 ]]; then
    san+=("IP:$address")
    permitted+=("permitted;IP:$address/255.255.255.255")
    has_ip=yes
  elif [[ $address =~ $host ]]; then
    san+=("DNS:$address")
    permitted+=("permitted;DNS:$address")
    has_dns=yes
  else
    echo "Not an IPv4 address or a host name: $address" >&2
    exit 2
  fi
done
# A name type with no permitted subtree would be unconstrained (RFC 5280), so the type not given is
# pinned to a name no one can use: the reserved .invalid domain, the unspecified address 0.0.0.0.
[ $has_dns = yes ] || permitted+=("permitted;DNS:invalid")
[ $has_ip = yes ] || permitted+=("permitted;IP:0.0.0.0/255.255.255.255")
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
cat > "$work/server.ext" <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = $(join "${san[@]}")
EOF

# The CA: a self-signed P-256 key, two years, for this hall's addresses only.
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=TinNhiem/CN=TinNhiem hall CA" \
  -keyout "$out/ca-private/hall-ca.key" -out "$work/ca.csr" 2>/dev/null
openssl x509 -req -in "$work/ca.csr" -signkey "$out/ca-private/hall-ca.key" -days 730 -sha256 \
  -extfile "$work/ca.ext" -out "$out/hall-ca.crt" 2>/dev/null
# The server: its own key, one year, signed by the CA. The subject is not a host name, so that only
# the subjectAltName names the server (as browsers require).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/O=TinNhiem/CN=TinNhiem server" \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
openssl x509 -req -in "$work/server.csr" -CA "$out/hall-ca.crt" -CAkey "$out/ca-private/hall-ca.key" \
  -CAcreateserial -CAserial "$work/ca.srl" -days 365 -sha256 -extfile "$work/server.ext" \
  -out "$work/server.crt" 2>/dev/null
openssl verify -CAfile "$out/hall-ca.crt" "$work/server.crt" >/dev/null

password=$(openssl rand -base64 33 | tr -d '/+=\n')
printf '%s' "$password" > "$out/keystore-password"
openssl pkcs12 -export -in "$work/server.crt" -inkey "$work/server.key" -certfile "$out/hall-ca.crt" \
  -name tinnhiem -passout "file:$out/keystore-password" -out "$out/tinnhiem.p12"
chmod 644 "$out/hall-ca.crt"

cat <<EOF
Written to $out/:
  hall-ca.crt             install on every tablet and staff device as a trusted CA (it can vouch for
                          $(join "$@") only)
  tinnhiem.p12            the server's key store; copy to /etc/tinnhiem/tls/ (see README, step 3)
  keystore-password       its password; copy to /etc/tinnhiem/tls/ (root only, mode 0600)
  ca-private/hall-ca.key  the CA's private key

NOW move the CA key off this server: copy $out/ca-private/ to a USB stick kept in the organiser's
safe, then delete it here (shred -u $out/ca-private/hall-ca.key). Anyone holding it can make
certificates the tablets trust for these addresses. It is needed again only to make a new server
certificate for the same addresses.
EOF
