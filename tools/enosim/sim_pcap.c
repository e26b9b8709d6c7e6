/*-
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Copyright (c) 2026 The tcpinc for FreeBSD project
 *
 * enosim: pcap writer.  Classic libpcap format: a 24-byte global header
 * (magic 0xa1b2c3d4 in host order, version 2.4, snaplen, link type 101 =
 * LINKTYPE_RAW) and per packet a 16-byte record header (seconds,
 * microseconds, captured and original length).  Fields are written
 * little-endian with the matching magic so the file is the same on any host.
 */
#include <string.h>

#include "sim_pcap.h"

#define	PCAP_MAGIC	0xa1b2c3d4u
#define	PCAP_SNAPLEN	262144u
#define	LINKTYPE_RAW	101u

static void
le32(uint8_t *p, uint32_t v)
{

	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = v >> 24;
}

static void
le16(uint8_t *p, uint16_t v)
{

	p[0] = v & 0xff;
	p[1] = v >> 8;
}

int
sim_pcap_open(struct sim_pcap *pc, const char *path)
{
	uint8_t hdr[24];

	pc->failed = 0;
	pc->fp = fopen(path, "wb");
	if (pc->fp == NULL)
		return (-1);
	memset(hdr, 0, sizeof(hdr));
	le32(hdr, PCAP_MAGIC);
	le16(hdr + 4, 2);
	le16(hdr + 6, 4);
	le32(hdr + 16, PCAP_SNAPLEN);
	le32(hdr + 20, LINKTYPE_RAW);
	if (fwrite(hdr, sizeof(hdr), 1, pc->fp) != 1)
		pc->failed = 1;
	return (0);
}

void
sim_pcap_write(struct sim_pcap *pc, uint64_t usec, const uint8_t *pkt,
    size_t len)
{
	uint8_t rec[16];

	if (pc->fp == NULL)
		return;
	le32(rec, (uint32_t)(usec / 1000000));
	le32(rec + 4, (uint32_t)(usec % 1000000));
	le32(rec + 8, (uint32_t)len);
	le32(rec + 12, (uint32_t)len);
	if (fwrite(rec, sizeof(rec), 1, pc->fp) != 1 ||
	    fwrite(pkt, len, 1, pc->fp) != 1)
		pc->failed = 1;
}

int
sim_pcap_close(struct sim_pcap *pc)
{
	int bad;

	if (pc->fp == NULL)
		return (0);
	bad = pc->failed;
	if (fclose(pc->fp) != 0)
		bad = 1;
	pc->fp = NULL;
	return (bad ? -1 : 0);
}
