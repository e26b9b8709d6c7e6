#
# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# ATF tests (atf-sh) of the tcpinc_auth example programs between two vnet
# jails on a kernel with TCP-ENO and tcpcrypt: session ID authentication
# of draft-ietf-tcpinc-api section 5 (cookie 5.1, Ed25519 5.2) and its
# failure modes (section 6).  Each jail has its own network stack and its
# own net.inet.tcp.eno.* sysctls.
#
# The programs are looked up in the kyua variable tcpinc_auth_bindir, then
# $TCPINC_AUTH_BINDIR, then next to this script, then in PATH.  Needs
# root, if_epair and a TCP-ENO kernel (skipped otherwise).

# FreeBSD's vnet.subr is in /usr/tests/sys/common.  Installed by
# tests/sys/netinet/Makefile this script is in /usr/tests/sys/netinet/tcp_eno
# (../../common); run from a tree one level below sys/ it is ../common.
for _vnet_subr_dir in ../../common ../common; do
	if [ -f "$(atf_get_srcdir)/$_vnet_subr_dir/vnet.subr" ]; then
		# shellcheck source=/dev/null
		. "$(atf_get_srcdir)/$_vnet_subr_dir/vnet.subr"
		break
	fi
done
unset _vnet_subr_dir

SRV_V4=192.0.2.1
CLI_V4=192.0.2.2
SRV_V6=2001:db8::1
CLI_V6=2001:db8::2
PORT=4711
# Man in the middle: cli - relay on 192.0.2.0/24, relay - srv on
# 198.51.100.0/24; the relay listens on RELAY_PORT.
RELAY_V4=192.0.2.1
MITM_SRV_V4=198.51.100.2
RELAY_PORT=4712

# Sets SERVER and CLIENT, or skips the test case.
auth_find_bins()
{
	local d

	for d in "$(atf_config_get tcpinc_auth_bindir "")" \
	    "${TCPINC_AUTH_BINDIR:-}" "$(atf_get_srcdir)"; do
		if [ -n "$d" ] && [ -x "$d/tcpinc-auth-server" ] &&
		    [ -x "$d/tcpinc-auth-client" ]; then
			SERVER=$d/tcpinc-auth-server
			CLIENT=$d/tcpinc-auth-client
			return
		fi
	done
	SERVER=$(command -v tcpinc-auth-server)
	CLIENT=$(command -v tcpinc-auth-client)
	if [ -z "$SERVER" ] || [ -z "$CLIENT" ]; then
		atf_skip "tcpinc-auth-server or tcpinc-auth-client not found"
	fi
}

# What every case needs before its jails: TCP-ENO, programs, secrets.
auth_common()
{

	vnet_init
	sysctl -n net.inet.tcp.eno.teps >/dev/null 2>&1 ||
	    atf_skip "kernel without TCP-ENO (no net.inet.tcp.eno)"
	auth_find_bins
	# 128-bit cookies, hex, one per line.
	openssl rand -hex 16 >cookie
	openssl rand -hex 16 >cookie.other
	atf_check -s exit:0 "$SERVER" -G srv
	atf_check -s exit:0 "$CLIENT" -G cli
	atf_check -s exit:0 "$CLIENT" -G other
}

# Two jails, srv and cli, joined by an epair, with IPv4 and IPv6.
auth_setup()
{
	local epair

	auth_common
	epair=$(vnet_mkepair)
	vnet_mkjail srv "${epair}a"
	vnet_mkjail cli "${epair}b"
	jexec srv ifconfig "${epair}a" inet "$SRV_V4/24" up
	jexec srv ifconfig "${epair}a" inet6 "$SRV_V6/64" no_dad
	jexec cli ifconfig "${epair}b" inet "$CLI_V4/24" up
	jexec cli ifconfig "${epair}b" inet6 "$CLI_V6/64" no_dad
}

# Three jails: cli only reaches the relay, the relay reaches srv.
auth_setup_mitm()
{
	local e1 e2

	auth_common
	if [ ! -x "$(dirname "$SERVER")/auth-relay" ]; then
		atf_skip "auth-relay not found next to $SERVER"
	fi
	RELAY=$(dirname "$SERVER")/auth-relay
	e1=$(vnet_mkepair)
	e2=$(vnet_mkepair)
	vnet_mkjail cli "${e1}b"
	vnet_mkjail relay "${e1}a" "${e2}a"
	vnet_mkjail srv "${e2}b"
	jexec cli ifconfig "${e1}b" inet "$CLI_V4/24" up
	jexec relay ifconfig "${e1}a" inet "$RELAY_V4/24" up
	jexec relay ifconfig "${e2}a" inet 198.51.100.1/24 up
	jexec srv ifconfig "${e2}b" inet "$MITM_SRV_V4/24" up
}

# Start the server in the srv jail; wait until it listens.
auth_server()
{
	jexec srv "$SERVER" -p "$PORT" "$@" >server.out 2>&1 &
	echo $! >server.pid
	for _ in $(seq 50); do
		grep -q "listening on port" server.out && return 0
		sleep 0.1
	done
	atf_fail "server did not start: $(cat server.out)"
}

auth_server_wait()
{

	wait "$(cat server.pid)" 2>/dev/null || true
}

# The session ID both ends printed must be the same, and not empty.
auth_same_sessid()
{
	local c s

	c=$(sed -n 's/^client: session-id //p' client.out)
	s=$(sed -n 's/^server: session-id //p' server.out)
	if [ -z "$c" ] || [ "$c" != "$s" ]; then
		atf_fail "session IDs differ or are empty: '$c' '$s'"
	fi
}

auth_cleanup()
{
	local f

	for f in server.pid relay.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	vnet_cleanup
}

atf_test_case "auth_cookie_v4" "cleanup"
auth_cookie_v4_head()
{
	atf_set descr 'Cookie scheme authenticates both ends, then data flows'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_cookie_v4_body()
{
	auth_setup
	auth_server -c cookie
	atf_check -s exit:0 -o save:client.out \
	    jexec cli "$CLIENT" -c cookie "$SRV_V4" "$PORT"
	auth_server_wait
	atf_check -o match:"client: verdict AUTHENTICATED peer \(cookie\)" \
	    -o match:'data received "echo: hello' cat client.out
	atf_check -o match:"server: verdict AUTHENTICATED" cat server.out
	auth_same_sessid
}
auth_cookie_v4_cleanup()
{
	auth_cleanup
}

atf_test_case "auth_cookie_wrong_v4" "cleanup"
auth_cookie_wrong_v4_head()
{
	atf_set descr 'A different cookie fails on both ends, no data flows'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_cookie_wrong_v4_body()
{
	auth_setup
	auth_server -c cookie
	atf_check -s exit:2 -o save:client.out \
	    jexec cli "$CLIENT" -c cookie.other "$SRV_V4" "$PORT"
	auth_server_wait
	atf_check -o match:"FAILED TCPINC_AUTH_E_COOKIE_MISMATCH" cat client.out
	atf_check -o match:"FAILED TCPINC_AUTH_E_COOKIE_MISMATCH" \
	    -o not-match:"data received" cat server.out
}
auth_cookie_wrong_v4_cleanup()
{
	auth_cleanup
}

atf_test_case "auth_sig_v6" "cleanup"
auth_sig_v6_head()
{
	atf_set descr 'Ed25519 scheme, both ends sign and verify, over IPv6'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_sig_v6_body()
{
	auth_setup
	auth_server -6 -k srv.key -P cli.pub
	atf_check -s exit:0 -o save:client.out \
	    jexec cli "$CLIENT" -6 -k cli.key -P srv.pub "$SRV_V6" "$PORT"
	auth_server_wait
	atf_check -o match:"client: verdict AUTHENTICATED peer \(ed25519\)" \
	    cat client.out
	atf_check -o match:"server: verdict AUTHENTICATED peer \(ed25519\)" \
	    cat server.out
	auth_same_sessid
}
auth_sig_v6_cleanup()
{
	auth_cleanup
}

atf_test_case "auth_sig_wrong_key_v4" "cleanup"
auth_sig_wrong_key_v4_head()
{
	atf_set descr 'A server key the client does not expect is refused'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_sig_wrong_key_v4_body()
{
	auth_setup
	auth_server -k srv.key
	atf_check -s exit:2 -o match:"FAILED TCPINC_AUTH_E_SIGNATURE_INVALID" \
	    jexec cli "$CLIENT" -P other.pub "$SRV_V4" "$PORT"
	auth_server_wait
}
auth_sig_wrong_key_v4_cleanup()
{
	auth_cleanup
}

atf_test_case "auth_eno_disabled_v4" "cleanup"
auth_eno_disabled_v4_head()
{
	atf_set descr 'ENO off on the server stack: no session ID, no verdict'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_eno_disabled_v4_body()
{
	auth_setup
	atf_check -o ignore jexec srv sysctl net.inet.tcp.eno.enable_listen=0
	auth_server -c cookie
	atf_check -s exit:2 -o match:"FAILED TCPINC_AUTH_E_ENO_DISABLED" \
	    jexec cli "$CLIENT" -c cookie "$SRV_V4" "$PORT"
	auth_server_wait
	atf_check -o not-match:"AUTHENTICATED" cat server.out
}
auth_eno_disabled_v4_cleanup()
{
	auth_cleanup
}

atf_test_case "auth_peer_not_aware_v4" "cleanup"
auth_peer_not_aware_v4_head()
{
	atf_set descr 'No authenticator is sent to a peer without the AA bit'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_peer_not_aware_v4_body()
{
	auth_setup
	auth_server -U
	atf_check -s exit:2 -o match:"FAILED TCPINC_AUTH_E_PEER_NOT_AWARE" \
	    jexec cli "$CLIENT" -c cookie "$SRV_V4" "$PORT"
	auth_server_wait
	atf_check -o not-match:"data received" cat server.out
}
auth_peer_not_aware_v4_cleanup()
{
	auth_cleanup
}

atf_test_case "auth_aa_mandatory_v4" "cleanup"
auth_aa_mandatory_v4_head()
{
	atf_set descr 'AA_MANDATORY client against a peer without the AA bit'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_aa_mandatory_v4_body()
{
	auth_setup
	auth_server -U
	atf_check -s exit:2 -o match:"FAILED TCPINC_AUTH_E_ENO_DISABLED" \
	    jexec cli "$CLIENT" -m -c cookie "$SRV_V4" "$PORT"
	auth_server_wait
	atf_check -o not-match:"data received" cat server.out
}
auth_aa_mandatory_v4_cleanup()
{
	auth_cleanup
}

atf_test_case "auth_mitm_relay_v4" "cleanup"
auth_mitm_relay_v4_head()
{
	atf_set descr 'A relay between two ENO sessions is detected by both ends'
	atf_set require.user root
	atf_set require.progs jail jexec openssl
}
auth_mitm_relay_v4_body()
{
	local c s

	auth_setup_mitm
	auth_server -c cookie
	jexec relay "$RELAY" -l "$RELAY_V4" -p "$RELAY_PORT" "$MITM_SRV_V4" \
	    "$PORT" >relay.out 2>&1 &
	echo $! >relay.pid
	for _ in $(seq 50); do
		grep -q "listening on port" relay.out && break
		sleep 0.1
	done
	atf_check -s exit:2 -o save:client.out \
	    jexec cli "$CLIENT" -c cookie "$RELAY_V4" "$RELAY_PORT"
	auth_server_wait
	atf_check -o match:"FAILED TCPINC_AUTH_E_SESSION_MISMATCH" \
	    cat client.out
	atf_check -o match:"FAILED TCPINC_AUTH_E_SESSION_MISMATCH" \
	    -o not-match:"data received" cat server.out
	# Each leg had a session ID of its own.
	c=$(sed -n 's/^client: session-id //p' client.out)
	s=$(sed -n 's/^server: session-id //p' server.out)
	if [ -z "$c" ] || [ -z "$s" ] || [ "$c" = "$s" ]; then
		atf_fail "session IDs should differ: '$c' '$s'"
	fi
}
auth_mitm_relay_v4_cleanup()
{
	auth_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case "auth_cookie_v4"
	atf_add_test_case "auth_cookie_wrong_v4"
	atf_add_test_case "auth_sig_v6"
	atf_add_test_case "auth_sig_wrong_key_v4"
	atf_add_test_case "auth_eno_disabled_v4"
	atf_add_test_case "auth_peer_not_aware_v4"
	atf_add_test_case "auth_aa_mandatory_v4"
	atf_add_test_case "auth_mitm_relay_v4"
}
