#!/usr/bin/env bash
# Makes a certificate authority for the hall and a server certificate for the given LAN address.
set -euo pipefail
ip=${1:?usage: make-lan-certificate.sh SERVER_LAN_IP}
password=$(openssl rand -hex 12)
[ -f hall-ca.key ] || openssl req -x509 -newkey rsa:3072 -nodes -days 730 -subj "/CN=TinNhiem hall CA" \
  -keyout hall-ca.key -out hall-ca.crt
openssl req -newkey rsa:2048 -nodes -subj "/CN=$ip" -keyout server.key -out server.csr
printf "subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n" "$ip" > server.ext
openssl x509 -req -in server.csr -CA hall-ca.crt -CAkey hall-ca.key -CAcreateserial -days 365 \
  -extfile server.ext -out server.crt
openssl pkcs12 -export -in server.crt -inkey server.key -certfile hall-ca.crt -name tinnhiem \
  -passout "pass:$password" -out tinnhiem.p12
rm -f server.csr server.ext server.key
echo "tinnhiem.p12 written; key store password: $password"
