#
# SPDX-License-Identifier: BSD-2-Clause
#
# Copyright (c) 2026 The tcpinc for FreeBSD project
#
# Redistribution and use in source and binary forms, with or without
# modification, are permitted provided that the following conditions
# are met:
# 1. Redistributions of source code must retain the above copyright
#    notice, this list of conditions and the following disclaimer.
# 2. Redistributions in binary form must reproduce the above copyright
#    notice, this list of conditions and the following disclaimer in the
#    documentation and/or other materials provided with the distribution.
#
# THIS SOFTWARE IS PROVIDED BY THE AUTHOR AND CONTRIBUTORS ``AS IS'' AND
# ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
# IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
# ARE DISCLAIMED.  IN NO EVENT SHALL THE AUTHOR OR CONTRIBUTORS BE LIABLE
# FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
# DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS
# OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION)
# HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT
# LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY
# OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF
# SUCH DAMAGE.
#
# Two network stacks (vnet jails "a" 192.0.2.1 and "b" 192.0.2.2 on an
# epair) talk through tcp_eno_helper: encryption with the same session ID on
# both ends and no plaintext on the wire (tcpdump), fallback when one side
# disables TCP-ENO, both mandatory modes (D8), and a bulk transfer.

# shellcheck source=/dev/null
. "$(atf_get_srcdir)/../../common/vnet.subr"

PORT=4269
helper()
{
	echo "$(atf_get_srcdir)/tcp_eno_helper"
}

eno_setup()
{
	vnet_init
	if ! sysctl -q net.inet.tcp.eno.teps >/dev/null 2>&1; then
		atf_skip "kernel without options TCP_ENO"
	fi
	epair=$(vnet_mkepair)
	vnet_mkjail a "${epair}a"
	vnet_mkjail b "${epair}b"
	jexec a ifconfig "${epair}a" 192.0.2.1/24 up
	jexec b ifconfig "${epair}b" 192.0.2.2/24 up
	echo "$epair" > epair.name
}

# start_server ARGS...: helper server in jail b, output in server.out
start_server()
{
	jexec b "$(helper)" server "$PORT" "$@" > server.out 2>&1 &
	echo $! > server.pid
	sleep 1
}

wait_server()
{
	wait "$(cat server.pid)" 2>/dev/null || true
}

field()
{
	sed -n "s/^$1=//p" "$2" | head -1
}

atf_test_case "vnet_encrypted_same_sessid" "cleanup"
vnet_encrypted_same_sessid_head()
{
	atf_set descr "Both stacks report one session ID; no plaintext on the wire"
	atf_set require.user root
	atf_set require.progs tcpdump
}
vnet_encrypted_same_sessid_body()
{
	eno_setup
	epair=$(cat epair.name)
	jexec a tcpdump -i "${epair}a" -w capture.pcap -U -s 0 tcp 2>/dev/null &
	echo $! > tcpdump.pid
	sleep 1
	start_server 100000
	atf_check -o save:client.out jexec a "$(helper)" client 192.0.2.2 \
	    "$PORT" 100000
	wait_server
	sleep 1
	kill "$(cat tcpdump.pid)"
	sid_a=$(field sessid client.out)
	sid_b=$(field sessid server.out)
	if [ -z "$sid_a" ] || [ "$sid_a" = none ]; then
		atf_fail "client has no session ID: $(cat client.out)"
	fi
	[ "$sid_a" = "$sid_b" ] ||
	    atf_fail "session IDs differ: $sid_a / $sid_b"
	[ "$(field role client.out)" = 0 ] || atf_fail "client is not host A"
	[ "$(field role server.out)" = 1 ] || atf_fail "server is not host B"
	# Kind 69 on the SYN and no marker bytes anywhere.
	atf_check -o not-empty tcpdump -r capture.pcap -nn -v \
	    'tcp[tcpflags] & tcp-syn != 0'
	atf_check -s exit:1 -o ignore -e ignore sh -c \
	    "tcpdump -r capture.pcap -nn -A | grep -q tcpinc-plaintext-marker"
}
vnet_encrypted_same_sessid_cleanup()
{
	vnet_cleanup
}

atf_test_case "vnet_fallback_listener_disabled" "cleanup"
vnet_fallback_listener_disabled_head()
{
	atf_set descr "enable_listen=0 on one stack: plain TCP, data intact"
	atf_set require.user root
}
vnet_fallback_listener_disabled_body()
{
	eno_setup
	jexec b sysctl net.inet.tcp.eno.enable_listen=0 >/dev/null
	start_server 10000
	atf_check -o save:client.out jexec a "$(helper)" client 192.0.2.2 \
	    "$PORT" 10000
	wait_server
	# EINVAL (22): ENO disabled, never an empty session ID.
	[ "$(field sessid client.out)" = "none errno=22" ] ||
	    atf_fail "client: $(cat client.out)"
	[ "$(field sessid server.out)" = "none errno=22" ] ||
	    atf_fail "server: $(cat server.out)"
}
vnet_fallback_listener_disabled_cleanup()
{
	vnet_cleanup
}

atf_test_case "vnet_mandatory_active" "cleanup"
vnet_mandatory_active_head()
{
	atf_set descr "TEP_MANDATORY on the connecting side, peer without ENO: ECONNABORTED"
	atf_set require.user root
}
vnet_mandatory_active_body()
{
	eno_setup
	jexec b sysctl net.inet.tcp.eno.enable_listen=0 >/dev/null
	start_server 100
	# ECONNABORTED is 53.
	atf_check -s exit:1 -o inline:"connect errno=53\n" \
	    jexec a "$(helper)" client 192.0.2.2 "$PORT" 100 -m
	pkill -j b -f tcp_eno_helper || true
	wait_server
}
vnet_mandatory_active_cleanup()
{
	vnet_cleanup
}

atf_test_case "vnet_mandatory_passive" "cleanup"
vnet_mandatory_passive_head()
{
	atf_set descr "TEP_MANDATORY listener, client without ENO: RST, ECONNREFUSED"
	atf_set require.user root
}
vnet_mandatory_passive_body()
{
	eno_setup
	start_server 100 -m
	# ECONNREFUSED is 61.
	atf_check -s exit:1 -o inline:"connect errno=61\n" \
	    jexec a "$(helper)" client 192.0.2.2 "$PORT" 100 -d
	pkill -j b -f tcp_eno_helper || true
	wait_server
}
vnet_mandatory_passive_cleanup()
{
	vnet_cleanup
}

# enos_rekeys, the tenth uint64_t of struct tcp_eno_stat, in jail $1.
rekeys()
{
	jexec "$1" sysctl -b net.inet.tcp.eno.stats |
	    od -An -t u8 -j 72 -N 8 | tr -d ' '
}

atf_test_case "vnet_bulk_transfer" "cleanup"
vnet_bulk_transfer_head()
{
	atf_set descr "64 MiB each way with a new key every 64 frames (RFC 8548 3.8)"
	atf_set require.user root
	atf_set timeout 600
}
vnet_bulk_transfer_body()
{
	eno_setup
	# Testing knob: rekey after 64 frames instead of 2^24 (D9).
	jexec a sysctl net.inet.tcp.eno.test_rekey_frames=64 >/dev/null
	jexec b sysctl net.inet.tcp.eno.test_rekey_frames=64 >/dev/null
	start_server 67108864
	atf_check -o save:client.out jexec a "$(helper)" client 192.0.2.2 \
	    "$PORT" 67108864
	wait_server
	[ "$(field sessid client.out)" = "$(field sessid server.out)" ] ||
	    atf_fail "session IDs differ after bulk transfer"
	# 64 MiB is over 1000 frames each way: both sides rekeyed.
	[ "$(rekeys a)" -gt 0 ] || atf_fail "no rekey on host A"
	[ "$(rekeys b)" -gt 0 ] || atf_fail "no rekey on host B"
}
vnet_bulk_transfer_cleanup()
{
	vnet_cleanup
}

atf_init_test_cases()
{
	atf_add_test_case "vnet_encrypted_same_sessid"
	atf_add_test_case "vnet_fallback_listener_disabled"
	atf_add_test_case "vnet_mandatory_active"
	atf_add_test_case "vnet_mandatory_passive"
	atf_add_test_case "vnet_bulk_transfer"
}
