/* xbcard.h: C ABI of libxbcard.so, the card model (Verilated xb_card) stepped in-process.
 *
 * Every function returns an error code or a value; none throws. Negative return values are the
 * XB_E* codes below, and xb_error(card) then says what happened with context.
 *
 * Two ways to drive a card, not to be mixed with commands outstanding:
 *   - xb_submit: one command at a time; clocks until its COMPLETE event has been taken.
 *   - xb_offer + xb_poll: a pipeline; offer queues commands (up to XB_QUEUE_SLOTS outstanding),
 *     poll clocks the model and returns events as they leave it, several commands in flight.
 * Records are 64 bytes (docs/device-abi.md); commands must carry sequences 1, 2, 3, ...
 */
#ifndef XBCARD_H
#define XBCARD_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XB_RECORD_BYTES 64
#define XB_QUEUE_SLOTS 256

#define XB_OK 0
#define XB_ETIMEOUT (-1)  /* work in flight and no handshake for the timeout (xb_set_timeout) */
#define XB_EOVERFLOW (-2) /* a command produced more events than max_events (the rest dropped) */
#define XB_EFULL (-3)     /* xb_offer: XB_QUEUE_SLOTS commands already outstanding */
#define XB_EARG (-4)      /* a null pointer or an argument out of range */
#define XB_ESTATE (-5)    /* the card is not RUNNING, failed earlier, or calls were mixed */
#define XB_EINTERNAL (-6) /* an unexpected C++ exception, caught at the boundary */

typedef struct xb_card xb_card;

/* Creates a card, holds reset, waits for READY and writes CONTROL = run. trace_path (may be
 * NULL) names an FST file that records cycles [trace_from, trace_to). NULL on failure:
 * xb_last_error() says why. */
xb_card *xb_create(const char *trace_path);
xb_card *xb_create_traced(const char *trace_path, uint64_t trace_from, uint64_t trace_to);
void xb_destroy(xb_card *card);

/* The reason of the last failed xb_create on this thread. */
const char *xb_last_error(void);
/* The first error this card reported, or "" when none. */
const char *xb_error(const xb_card *card);

/* Cycles without a handshake, with commands in flight, before XB_ETIMEOUT (default 50 million). */
int xb_set_timeout(xb_card *card, uint64_t cycles);

/* A test of the card's back-pressure: the event stream is not ready on percent (0..99) of the
 * cycles, pseudo-randomly and reproducibly; 0 (the default) turns it off. */
int xb_set_egress_stall(xb_card *card, uint32_t percent);

/* One command: returns the number of events written to events (COMPLETE last), or an XB_E*
 * code. cycles (may be NULL) receives the cycles from presenting the command to taking its
 * COMPLETE record. */
int xb_submit(xb_card *card, const uint8_t cmd[64], uint8_t *events, int max_events,
              uint64_t *cycles);

/* Queues one command; XB_OK or XB_EFULL. */
int xb_offer(xb_card *card, const uint8_t cmd[64]);
/* Clocks while commands are outstanding until max_events events are out or all outstanding
 * commands are complete; returns the events written (0 when nothing is outstanding). */
int xb_poll(xb_card *card, uint8_t *events, int max_events);
/* Commands offered whose COMPLETE has not been returned by xb_poll. */
int xb_outstanding(const xb_card *card);

uint64_t xb_read_reg(xb_card *card, uint32_t offset);
/* Writes a register (takes one clock cycle). */
void xb_write_reg(xb_card *card, uint32_t offset, uint64_t value);
uint64_t xb_cycles(const xb_card *card);

/* Hash of the RTL sources and parameters this library was built from (BUILD_ID). */
uint64_t xb_build_id(void);
/* The parameters this library was built with: 0 instruments, 1 levels per side, 2 order slots,
 * 3 accounts; 0 for anything else. */
uint64_t xb_parameter(int which);

#ifdef __cplusplus
}
#endif

#endif /* XBCARD_H */
