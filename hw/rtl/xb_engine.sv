// xb_engine: matching and pre-trade risk for the Crossbar card. Takes one 64-byte command record
// at a time and emits its event records (docs/semantics.md, rule E1), identical byte for byte to
// the reference engine's except the completion record's latency field, which egress fills in.
//
// Structure: a sequencer FSM over block memories, all with registered reads:
//   node memory     one record per order slot (price, leaves, displayed, display, reservation,
//                   owner, instrument, side, STP mode, post-only, live, generation), plus separate
//                   next/prev link memories so a link patch is a write without a read;
//   level memory    one record per (instrument, side, price slot): price, displayed quantity,
//                   order count, FIFO head and tail, and the command stamp and before-values
//                   that let egress report each changed level once (rule E2);
//   bitmaps         per book a 64-bit word per 64 price slots in block RAM, and per book a
//                   summary register of non-empty words: the best and next price are found with
//                   two priority encoders, never a scan;
//   account memory  credit, reserved, open; position memory: position, open buy, open sell per
//                   account and instrument; live-slot bitmap for mass cancels in slot order;
//   touched list    the levels a command changed, in first-touch order.
// Instrument parameters, best prices and the bitmap summaries are registers (small).
// Subroutines (search, level removal, cancel of a resting order, slot free, append, unlink,
// read-modify-write of accounts and positions) return through an eight-deep return stack.
//
// Limits: LevelsPerSide is a power of two from 64 to 4096 (the summary is one 64-bit word per
// book). Capacities need not be powers of two. Reset rule: synchronous active-high reset of
// control state only; memories are cleared by the initialisation walk that follows reset.
`default_nettype none

module xb_engine #(
  parameter int Instruments   = 16,    // instrument ids 0 .. Instruments-1
  parameter int LevelsPerSide = 4096,  // price levels per side = price window in ticks
  parameter int OrderSlots    = 65536, // resting-order slots
  parameter int Accounts      = 4096   // account ids 0 .. Accounts-1
) (
  input  logic         clk_i,
  input  logic         rst_i,
  input  logic         run_i,          // accept commands (register window: RUNNING)
  output logic         ready_o,        // initialisation done
  output logic         busy_o,         // a command is in progress
  input  logic         cmd_valid_i,
  output logic         cmd_ready_o,
  input  logic [511:0] cmd_data_i,
  output logic         evt_valid_o,
  input  logic         evt_ready_i,
  output logic [511:0] evt_data_o,
  output logic [63:0]  cmd_start_cycle_o // cycle the current command entered, for latency
);

  // ---------------------------------------------------------------------------------------
  // Widths
  // ---------------------------------------------------------------------------------------
  localparam int InstW  = (Instruments > 1) ? $clog2(Instruments) : 1;
  localparam int AcctW  = (Accounts > 1) ? $clog2(Accounts) : 1;
  localparam int SlotW  = (OrderSlots > 1) ? $clog2(OrderSlots) : 1;
  localparam int LvlW   = $clog2(LevelsPerSide);
  localparam int BookW  = InstW + 1;
  localparam int LvIdxW = BookW + LvlW;
  localparam int WordsPerBook = LevelsPerSide / 64;
  localparam int WordW  = (WordsPerBook > 1) ? $clog2(WordsPerBook) : 1;
  localparam int BmW    = BookW + WordW;
  localparam int LiveWords = (OrderSlots + 63) / 64;
  localparam int LiveW  = (LiveWords > 1) ? $clog2(LiveWords) : 1;
  localparam int LsGroups = (LiveWords + 63) / 64;  // 64-bit words of the live-word summary
  localparam int LsW      = (LsGroups > 1) ? $clog2(LsGroups) : 1;
  localparam int AiW    = AcctW + InstW;
  localparam int Books  = 2 * Instruments;
  localparam int InitDepth = 1 << ((LvIdxW > SlotW + 1) ? LvIdxW : SlotW + 1);
  localparam int InitW  = $clog2(InitDepth) + 1;
  localparam logic [63:0] HalfWindow = 64'(LevelsPerSide) >> 1;

  typedef struct packed {
    logic             live;
    logic [31:0]      gen;
    logic [AcctW-1:0] account;
    logic [InstW-1:0] inst;
    logic             side;    // 0 buy, 1 sell
    logic [1:0]       stp;
    logic             post;
    logic [31:0]      price;
    logic [39:0]      leaves;
    logic [39:0]      visible;
    logic [39:0]      display;
    logic [61:0]      perlot;
  } node_t;

  typedef struct packed {
    logic [31:0]      price;
    logic [63:0]      qty;     // displayed quantity (market data's)
    logic [63:0]      lsum;    // all its orders' leaves, hidden included (fill-or-kill's count)
    logic [SlotW:0]   count;
    logic [SlotW-1:0] head;
    logic [SlotW-1:0] tail;
    logic [31:0]      stamp;
    logic [63:0]      bqty;
    logic [SlotW:0]   bcount;
  } level_t;

  typedef struct packed {
    logic        open;
    logic [63:0] credit;
    logic [63:0] reserved;
  } acct_t;

  typedef struct packed {
    logic [63:0] pos;
    logic [63:0] buy;
    logic [63:0] sell;
  } pos_t;

  typedef struct packed {
    logic             valid;
    logic [SlotW-1:0] slot;
  } link_t;
  // Whole records are built as concatenations in field order, e.g. {valid, slot}.

  // ---------------------------------------------------------------------------------------
  // Memories
  // ---------------------------------------------------------------------------------------
  logic nd_we, nx_we, pv_we, lv_we, ac_we, ps_we, bm_we, lw_we, tl_we;
  logic [SlotW-1:0] nd_raddr, nd_raddr_m, nd_waddr, nx_waddr, pv_waddr;
  node_t nd_wdata, nd_rdata;
  link_t nx_wdata, nx_rdata, pv_wdata, pv_rdata;
  logic [LvIdxW-1:0] lv_raddr, lv_waddr;
  level_t lv_wdata, lv_rdata;
  logic [AcctW-1:0] ac_raddr, ac_raddr_m, ac_waddr;
  acct_t ac_wdata, ac_rdata;
  logic [AiW-1:0] ps_raddr, ps_raddr_m, ps_waddr;
  pos_t ps_wdata, ps_rdata;
  logic [BmW-1:0] bm_raddr, bm_waddr;
  logic [63:0] bm_wdata, bm_rdata;
  logic [BmW-1:0] bx_raddr, bx_addr_q;
  logic [63:0] bx_rdata;
  logic [LiveW-1:0] lw_raddr, lw_waddr;
  logic [63:0] lw_wdata, lw_rdata;
  logic [LvIdxW-1:0] tl_raddr, tl_waddr, tl_wdata, tl_rdata;

  xb_ram #(.Width($bits(nd_wdata)), .Depth(1 << SlotW)) u_node (
    .clk_i, .we_i(nd_we), .waddr_i(nd_waddr), .wdata_i(nd_wdata), .raddr_i(nd_raddr), .rdata_o(nd_rdata));
  xb_ram #(.Width($bits(nx_wdata)), .Depth(1 << SlotW)) u_next (
    .clk_i, .we_i(nx_we), .waddr_i(nx_waddr), .wdata_i(nx_wdata), .raddr_i(nd_raddr), .rdata_o(nx_rdata));
  xb_ram #(.Width($bits(pv_wdata)), .Depth(1 << SlotW)) u_prev (
    .clk_i, .we_i(pv_we), .waddr_i(pv_waddr), .wdata_i(pv_wdata), .raddr_i(nd_raddr), .rdata_o(pv_rdata));
  xb_ram #(.Width($bits(lv_wdata)), .Depth(1 << LvIdxW)) u_level (
    .clk_i, .we_i(lv_we), .waddr_i(lv_waddr), .wdata_i(lv_wdata), .raddr_i(lv_raddr), .rdata_o(lv_rdata));
  xb_ram #(.Width($bits(ac_wdata)), .Depth(1 << AcctW)) u_account (
    .clk_i, .we_i(ac_we), .waddr_i(ac_waddr), .wdata_i(ac_wdata), .raddr_i(ac_raddr), .rdata_o(ac_rdata));
  xb_ram #(.Width($bits(ps_wdata)), .Depth(1 << AiW)) u_position (
    .clk_i, .we_i(ps_we), .waddr_i(ps_waddr), .wdata_i(ps_wdata), .raddr_i(ps_raddr), .rdata_o(ps_rdata));
  xb_ram #(.Width(64), .Depth(1 << BmW), .WriteFirst(1'b1)) u_bitmap (
    .clk_i, .we_i(bm_we), .waddr_i(bm_waddr), .wdata_i(bm_wdata), .raddr_i(bm_raddr), .rdata_o(bm_rdata));
  // A second copy of the bitmap (the same writes) for a second read port: the walk reads the
  // next non-empty word beyond the level it walks while it reads the level's own word, so that
  // it can cross to a level in another word without a cycle of its own.
  xb_ram #(.Width(64), .Depth(1 << BmW), .WriteFirst(1'b1)) u_bitmap_ahead (
    .clk_i, .we_i(bm_we), .waddr_i(bm_waddr), .wdata_i(bm_wdata), .raddr_i(bx_raddr), .rdata_o(bx_rdata));
  always_ff @(posedge clk_i) bx_addr_q <= bx_raddr;
  xb_ram #(.Width(64), .Depth(1 << LiveW)) u_live (
    .clk_i, .we_i(lw_we), .waddr_i(lw_waddr), .wdata_i(lw_wdata), .raddr_i(lw_raddr), .rdata_o(lw_rdata));
  xb_ram #(.Width(LvIdxW), .Depth(1 << LvIdxW)) u_touched (
    .clk_i, .we_i(tl_we), .waddr_i(tl_waddr), .wdata_i(tl_wdata), .raddr_i(tl_raddr), .rdata_o(tl_rdata));

  // ---------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------
  // Priority encoders as a binary search (six halving steps, log depth), not a 64-deep chain:
  // the lowest (up) or highest set bit of v; 0 when v is 0. Each step keeps the half that holds
  // the bit sought: going up, the lower half unless it is empty; going down, the upper half
  // unless it is.
  function automatic logic [5:0] first64(input logic [63:0] v, input logic up);
    logic [31:0] v32;
    logic [15:0] v16;
    logic [7:0]  v8;
    logic [3:0]  v4;
    logic [1:0]  v2;
    logic [5:0]  r;
    r[5] = up ? v[31:0] == 0 : v[63:32] != 0;      v32 = r[5] ? v[63:32] : v[31:0];
    r[4] = up ? v32[15:0] == 0 : v32[31:16] != 0;  v16 = r[4] ? v32[31:16] : v32[15:0];
    r[3] = up ? v16[7:0] == 0 : v16[15:8] != 0;    v8 = r[3] ? v16[15:8] : v16[7:0];
    r[2] = up ? v8[3:0] == 0 : v8[7:4] != 0;       v4 = r[2] ? v8[7:4] : v8[3:0];
    r[1] = up ? v4[1:0] == 0 : v4[3:2] != 0;       v2 = r[1] ? v4[3:2] : v4[1:0];
    r[0] = up ? !v2[0] : v2[1];
    first64 = v == 0 ? 6'd0 : r;
  endfunction
  function automatic logic [5:0] lsb64(input logic [63:0] v);
    lsb64 = first64(v, 1'b1);
  endfunction

  // Masks of bits at or above / at or below a position, and the one-hot bit of a position. For
  // synthesis, a comparison per bit rather than a shift: synthesis then keeps each where it is
  // used, instead of sharing one shifter between states, which chains unrelated states' logic
  // into one long path. The simulator evaluates the shift form much faster; the two forms are
  // checked equal for every position at the start of simulation (below).
  function automatic logic [63:0] ge_mask(input logic [5:0] b);
`ifdef VERILATOR
    ge_mask = ~64'd0 << b;
`else
    for (int i = 0; i < 64; i++) ge_mask[i] = 6'(i) >= b;
`endif
  endfunction
  function automatic logic [63:0] le_mask(input logic [5:0] b);
`ifdef VERILATOR
    le_mask = ~64'd0 >> (6'd63 - b);
`else
    for (int i = 0; i < 64; i++) le_mask[i] = 6'(i) <= b;
`endif
  endfunction
  function automatic logic [63:0] bit64(input logic [5:0] b);
`ifdef VERILATOR
    bit64 = 64'd1 << b;
`else
    for (int i = 0; i < 64; i++) bit64[i] = 6'(i) == b;
`endif
  endfunction
  // The bits of v strictly beyond position b, upward or downward.
  function automatic logic [63:0] beyond64(input logic [63:0] v, input logic [5:0] b, input logic up);
    beyond64 = v & (up ? ~le_mask(b) : ~ge_mask(b));
  endfunction

  // A live-summary group, from its number (0 .. 63).
  function automatic logic [LsW-1:0] ls_group(input logic [5:0] g);
    ls_group = LsW'(g);
  endfunction

  function automatic logic [63:0] min64(input logic [63:0] a, input logic [63:0] b);
    min64 = ($signed(a) < $signed(b)) ? a : b;
  endfunction


  // ---------------------------------------------------------------------------------------
  // State
  // ---------------------------------------------------------------------------------------
  typedef enum logic [6:0] {
    SInit, SIdle, SDispatch,
    SNoCheck, SNoCheck2, SNoAlloc2, SNoAccept,
    SFokLevel, SFokLevel2, SFokNode2,
    SMLevel, SMLevel2, SMNode2, SMTrade,
    SMLevelEnd, SMLevelEnd1, SMLevelEnd2,
    SFin, SFinTaker, SFin2, SFinCancel, SRest5,
    SModCheck, SModCheck3, SModInPlace, SModInPlace4,
    SModEmit,
    SMass, SScanWord, SScanBits, SScanNode, SScanAfter,
    SSetInst, SSetInst2,
    SRecentre, SDiv, SRecentre2, SBestBid, SBestAsk, SBestDone,
    SSetMargin, SSetMargin2, SSetRef, SSetAccount,
    SReject, SFlush, SFlush3, SFlushOne, SComplete,
    // subroutines
    RSearch, RSearch2, RSearch3, RSearchLevel, RSearchLevel2,
    RRemoveLevel, RRemoveLevel2,
    RStoreLevel, RFlushLevel,
    RFits, RFits2, RFits3, RFree,
    RCancel, RCancel2, RCancel3, RCancel4, RCancel6
  } state_e;

  state_e state_q, state_d;
  localparam int StackDepth = 8;
  state_e ret_q [StackDepth];
  state_e ret_d [StackDepth];
  logic [2:0] sp_q, sp_d;
  // A state calls a subroutine by setting call and call_ret (the state the subroutine returns
  // to); the push follows the state case. A subroutine returns to ret_top.
  logic   call;
  state_e call_ret, ret_top;
  assign ret_top = ret_q[sp_q - 1'b1];

  // Command
  logic [511:0] c_q;
  logic [63:0]  cycle_q, start_q;
  logic [31:0]  evcount_q, evcount_d, affected_q, affected_d, stamp_q;
  logic [7:0]   reason_q, reason_d;
  logic [63:0]  reject_oid_q, reject_oid_d;
  logic [31:0]  reject_acct_q, reject_acct_d, reject_inst_q, reject_inst_d;
  logic [LvIdxW:0] tcount_q, tcount_d, titer_q, titer_d;
  logic         halted_q, halted_d;

  // Instruments and books (written through the strobes below, see "Instrument and book registers")
  logic [1:0]  in_status_q [Instruments];
  logic [31:0] in_bps_q [Instruments];
  logic [63:0] in_blo_q [Instruments];
  logic [63:0] in_bhi_q [Instruments];
  logic [63:0] in_wlo_q [Instruments];
  logic [63:0] in_whi_q [Instruments];
  logic [63:0] in_maxq_q [Instruments];
  logic [63:0] in_plim_q [Instruments];
  logic [63:0] in_tid_q [Instruments];
  logic [63:0] co_a_q [Books];
  logic [63:0] co_b_q [Books];
  logic [63:0] best_q [Books];
  logic [WordsPerBook-1:0] summ_q [Books];
  logic             inst_set;    // SSetInst: status, band, max quantity, position limit of ci
  logic             window_set;  // SRecentre2: price window and band of rc_inst_q (lo, hi, blo, bhi)
  logic             margin_set;  // SSetMargin: margin coefficients of both books of ci
  logic             tid_inc;     // SMNode2: ci's trade id advances
  logic             best_we;     // best price of book best_book := best_val
  logic [BookW-1:0] best_book;
  logic [63:0]      best_val;
  logic             summ_we;     // summary bit summ_word of book summ_book := summ_val
  logic [BookW-1:0] summ_book;
  logic [WordW-1:0] summ_word;
  logic             summ_val;
  // Live-word summary: bit w of group w / 64 is set while live word w holds a live slot, so the
  // scans of mass cancel, close and recentre visit only occupied words (written with the live
  // word by the alloc and free requests).
  logic [63:0]      lsum_q [LsGroups];
  logic             lsum_we;
  logic [LiveW-1:0] lsum_word;
  logic             lsum_val;
  // Requests applied after the state case, in this order, so that a state can change the
  // current level and store it in one cycle:
  //   unlink: take link ul (ul_prev / ul_next, in the link RAMs) out of level lv_d;
  //   lv_store: write lv_d to level lv_idx_q through the touched-list bookkeeping.
  logic             unlink;
  link_t            ul_prev, ul_next;
  logic             lv_store;
  //   walk_enter: the matching walk enters level walk_idx, whose record is in lv_rdata: it is
  //   the new best of its book, its head is read and the walk goes on in SMNode2.
  logic              walk_enter;
  logic [LvIdxW-1:0] walk_idx;
  //   alloc: the new order takes slot a_slot_q (rule C1), whose node, free-list link and live
  //   word were read the cycle before: node written, free list popped or high water raised,
  //   live bit set, and the margin reserved on the account read as the command was taken.
  logic             alloc;
  //   walk_start: after ACCEPTED or MODIFIED, the aggressor set up in a_*_d starts its walk.
  logic             walk_start;
  //   fok_ok: the fill-or-kill count found the order's quantity; its slot is read now and
  //   taken next. fok_take: the count found it and the slot's reads are in: the slot is taken,
  //   ACCEPTED leaves and the walk starts, all in this cycle when the output is free (SNoCheck2's
  //   work), else ACCEPTED and the walk wait in SNoAccept; BOOK_FULL when no slot is free.
  logic             fok_ok, fok_take;
  //   accept: a new order's ACCEPTED leaves and its walk starts (walk_start), its remaining
  //   quantity, STP mode and resting flag set from the command.
  logic             accept;
  //   fk_read: the fill-or-kill count reads the level at price fk_price of the opposite book,
  //   its bitmap word and the word ahead, with the order's slot (node and live word) again.
  logic             fk_read;
  logic [63:0]      fk_price;
  //   walk_held: with walk_start, the opposite best's level is in lv_d / lv_idx_d already (the
  //   fill-or-kill count's first): the walk reads its head order now, with no level read.
  logic             walk_held;
  //   free: slot free_slot (node free_nd) goes back on the LIFO free list and leaves the live
  //   bitmap, whose word was read the cycle before.
  logic             free;
  logic [SlotW-1:0] free_slot;
  node_t            free_nd;
  logic             slot_free;          // a slot is available (free list or never used)
  logic [SlotW-1:0] slot_next;          // the slot rule C1 takes next
  // After the walk (SFin): the aggressor's node, the level it would rest at (its limit) and
  // its account and position are read together.
  logic             fin_reads;
  //   take: the engine takes the next command if one is offered (SIdle, or SComplete as the
  //   previous command's COMPLETE leaves).
  logic             take;
  //   finish: the command completes in this state (nothing of it is left to write): its
  //   COMPLETE goes to the pending register, which the event register takes as soon as it can,
  //   and the next command is taken now. Its reads (node, links, account, position) meet one
  //   write of a finishing state, SRest5's next link of the level's old tail: forwarded (tk_fwd).
  logic             finish;
  //   unmark: level um_idx left the book: its bit leaves the bitmap word read the cycle before,
  //   and an emptied word leaves the summary.
  logic             unmark;
  logic [LvIdxW-1:0] um_idx;
  logic             fin_emit;               // the finishing state emitted a record this cycle
  logic             cpend_q, cpend_d;       // a COMPLETE waits for the event register
  logic [511:0]     cpend_rec_q;
  logic [63:0]      cpend_start_q;  // its command's first cycle (the latency)
  //   append: the aggressor a_slot_q joins the tail of the level in lv_d, whose count and tail
  //   before were jn_count and jn_tail: the old tail's next link (or the level's head), the new
  //   tail and count, the store; a new level also enters the bitmap (its word read the cycle
  //   before), the summary and, if its price jn_price is better, the best price.
  logic             append;
  logic [SlotW:0]   jn_count;
  logic [SlotW-1:0] jn_tail;
  logic [31:0]      jn_price;
  //   mod_fwd: SModCheck3 starts the walk in the cycle it writes the order's node, account and
  //   position (see fin_fwd_q).
  logic             mod_fwd;

  // Slot allocator
  logic [SlotW-1:0] free_head_q, free_head_d;
  logic             free_valid_q, free_valid_d;
  logic [SlotW:0]   high_water_q, high_water_d;

  // Initialisation
  logic [InitW-1:0] init_q, init_d;
  logic             ready_q, ready_d;

  // Egress
  logic         evt_valid_q;        // the event register: the egress port
  logic [511:0] evt_data_q;
  logic         sk_valid_q;         // the skid register behind it (see Egress)
  logic [511:0] sk_data_q;
  logic         emit;               // the engine emits emit_rec this cycle
  logic [511:0] emit_rec;
  logic [63:0]  evseq_q, evseq_d;

  // Snapshots read as the command is taken (latched in its first cycle)
  acct_t cac_q, cac_d;
  pos_t  cps_q, cps_d;
  node_t cnd_q, cnd_d;
  link_t cnx_q, cnx_d, cpv_q, cpv_d;
  // taken_q: this is the command's first cycle, when the reads made as it was taken (its order's
  // node and links, its account, its position) are on the memories' outputs; they are latched
  // into the c*_q registers then, and the first state reads them through the c*_now views.
  logic  taken_q;                        // a command was taken last cycle
  logic        cmd_fire;    // a command is taken this cycle (see Taking a command)
  state_e      take_state;  // ... and the state it starts in
  logic [63:0] take_oid;    // ... and the order id a reject names
  logic             tk_fwd_q;                    // a next link written as the command was taken
  logic [SlotW-1:0] tk_fwd_slot_q;
  link_t            tk_fwd_link_q;
  logic             tk_ndf_q;                    // a node written as the command was taken
  logic [SlotW-1:0] tk_ndf_slot_q;
  node_t            tk_ndf_node_q;
  acct_t cac_now;
  pos_t  cps_now;
  node_t cnd_now;
  link_t cnx_now, cpv_now;

  // Aggressor
  logic [SlotW-1:0] a_slot_q, a_slot_d;
  logic [63:0]      a_oid_q, a_oid_d, a_limit_q, a_limit_d, a_rem_q, a_rem_d, a_perlot_q, a_perlot_d;
  logic             a_side_q, a_side_d, a_stopped_q, a_stopped_d, a_rests_q, a_rests_d;
  logic [1:0]       a_stp_q, a_stp_d;
  logic [63:0]      a_avail_q, a_avail_d, a_lall_q, a_lall_d, a_lvis_q, a_lvis_d;
  // fill-or-kill count: the account's open quantity on the book not yet passed (fk_ownl; levels
  // count by their sums when it is zero); the first level; the next price to count
  logic [63:0]      fk_ownl_q, fk_ownl_d;
  // what a level's lsum must reach to end the count there: quantity + fk_ownl - counted so far
  // (kept as it changes, so that the level's own read is compared with a register only)
  logic [63:0]      fk_need_q, fk_need_d;
  // a modify's quantity increase would break the position limit (SModCheck -> SModCheck3)
  logic             mod_plim_q, mod_plim_d;
  // the walked level's price is the window's edge: no price beyond it (SMNode2 -> SMTrade)
  logic             w_edge_q, w_edge_d;
  logic             fk_first_q, fk_first_d;
  logic [63:0]      fk_next_q, fk_next_d;
  // the aggressor's account's open quantity on the opposite book (its resting orders there)
  logic [63:0]      fk_own;
  assign fk_own = a_side_q == 1'b0 ? cps_q.sell : cps_q.buy;

  // Walk
  logic [63:0]      w_price_q, w_price_d;
  link_t            w_s_q, w_s_d, w_next_q, w_next_d;
  node_t            w_nd_q, w_nd_d;
  logic             w_cand_q, w_cand_d;   // SMNode2 read the next occupied level beyond (SMTrade)
  logic [LvIdxW-1:0] w_cidx_q, w_cidx_d;  // ... this one: in the level's word, or the next word's
  logic [63:0]      w_bm_q, w_bm_d;       // the walked level's bitmap word
  // Iceberg refresh (SMTrade): the moved order's own links, written the next cycle (rf_pend);
  // SMNode2 takes the next order's next link as the moved order (rf_fwd: it was the tail), or
  // the moved order itself from registers (rf_self: alone in its level).
  logic             rf_pend_q, rf_pend_d, rf_fwd_q, rf_fwd_d, rf_self_q, rf_self_d;
  // fin_fwd: SFin2 follows the cycle that wrote the order's node and account (the allocation in
  // SNoCheck2, or a moved modify's SModCheck3) and, without crossing, read them: the reads did not
  // see the writes, so it takes the node, account and position from w_nd_q, cac_q and cps_q.
  logic             fin_fwd_q, fin_fwd_d;
  logic [SlotW-1:0] rf_slot_q, rf_slot_d;
  link_t            rf_prev_q, rf_prev_d;
  logic [63:0]      w_traded_q, w_traded_d, w_tid_q, w_tid_d;
  logic [63:0]      tk_res_q, tk_res_d, tk_pos_q, tk_pos_d;   // taker's deferred updates
  logic [63:0]      tk_open_q, tk_open_d;                      // ... open quantity released by self-trade cancels
  logic             w_self_q, w_self_d;                        // SMTrade: the head is the taker's own (rule M5)
  logic             tk_any_q, tk_any_d;

  // Current level
  level_t           lv_q, lv_d;
  // A moved modify's old level as it stored it (index, price, displayed quantity, count), for its
  // BOOK_LEVEL from registers (SFin2); ol_sent_q: that record left, so SRest5 emits the new
  // level's as the command's last.
  logic [LvIdxW-1:0] ol_idx_q, ol_idx_d;
  logic [31:0]       ol_price_q, ol_price_d;
  logic [63:0]       ol_qty_q, ol_qty_d;
  logic [SlotW:0]    ol_count_q, ol_count_d;
  logic              ol_sent_q, ol_sent_d;
  logic [LvIdxW-1:0] lv_idx_q, lv_idx_d;
  logic [63:0]      lv_rqty_q, lv_rqty_d;
  logic [SlotW:0]   lv_rcount_q, lv_rcount_d;

  // Subroutine arguments
  logic [BookW-1:0]  sr_book_q, sr_book_d;
  logic              sr_up_q, sr_up_d, sr_check_q, sr_check_d;
  logic [63:0]       sr_price_q, sr_price_d, sr_result_q, sr_result_d;
  logic [LvlW-1:0]   sr_from_q, sr_from_d;
  logic [LvIdxW-1:0] rl_idx_q, rl_idx_d;
  logic [63:0]       rl_price_q, rl_price_d;
  link_t             ul_prev_q, ul_prev_d, ul_next_q, ul_next_d;
  node_t             fr_nd_q, fr_nd_d;
  logic [SlotW-1:0]  fr_slot_q, fr_slot_d;
  logic [SlotW-1:0]  cr_slot_q, cr_slot_d;
  logic [7:0]        cr_reason_q, cr_reason_d;
  node_t             cr_nd_q, cr_nd_d;

  // Scans (mass cancel, close, window)
  logic [LiveW:0]    sc_word_q, sc_word_d;
  // What a live-slot scan cancels: a mass cancel's selection, a closing instrument's orders, or
  // the orders a recentred window no longer holds.
  localparam logic [1:0] ScanMass = 2'd0, ScanClose = 2'd1, ScanWindow = 2'd2;
  logic [1:0]        sc_mode_q, sc_mode_d;
  logic [63:0]       sc_bits_q, sc_bits_d;
  logic [SlotW-1:0]  sc_slot_q, sc_slot_d;

  // Rule U1 for both books of an instrument (RFits): maxQuantity * (a + b * MaxPrice) < 2^62
  // with a, b non-negative, over the operands of a set-instrument (its new maximum quantity, the
  // books' margin coefficients) or of a set-margin (the instrument's maximum quantity, the new
  // coefficients); one registered stage per product.
  logic              fq_inst_q, fq_inst_d;          // operands of SSetInst, else of SSetMargin
  logic [63:0]       fq_pl_q [2], fq_pl_d [2];      // a + b x MaxPrice per book
  logic [127:0]      fq_pr_q [2], fq_pr_d [2];      // maxQuantity x that
  logic              fq_bad_q, fq_bad_d, fq_ok_q, fq_ok_d;

  // Division for the band width
  logic [63:0]       dv_num_q, dv_num_d, dv_quo_q, dv_quo_d;
  logic [96:0]       dv_prod;        // SDiv: the band's product times DivM
  localparam logic [48:0] DivM = 49'h1_a36e_2eb1_c433;  // ceil(2^62 / 10000)
  logic [InstW-1:0]  rc_inst_q, rc_inst_d;
  logic [63:0]       rc_ref_q, rc_ref_d;
  logic [7:0]        rc_reason_q, rc_reason_d;

  // ---------------------------------------------------------------------------------------
  // Command fields (byte offsets of device-abi.md; part-selects, not functions of the whole
  // record, which a simulator would copy into every call)
  // ---------------------------------------------------------------------------------------
  wire [63:0] c_seq     = c_q[8*0 +: 64];
  wire [7:0]  c_kind    = c_q[8*8 +: 8];
  wire [7:0]  c_b9      = c_q[8*9 +: 8];
  wire [7:0]  c_b10     = c_q[8*10 +: 8];
  wire [7:0]  c_b11     = c_q[8*11 +: 8];
  wire [7:0]  c_b12     = c_q[8*12 +: 8];
  wire [7:0]  c_b13     = c_q[8*13 +: 8];
  wire [31:0] c_u12     = c_q[8*12 +: 32];
  wire [31:0] c_acct    = c_q[8*16 +: 32];
  wire [31:0] c_inst    = c_q[8*20 +: 32];
  wire [63:0] c_w24     = c_q[8*24 +: 64];
  wire [63:0] c_w32     = c_q[8*32 +: 64];
  wire [63:0] c_w40     = c_q[8*40 +: 64];
  wire [63:0] c_w48     = c_q[8*48 +: 64];
  wire        unused_c  = ^c_q[511:448];  // bytes 56..63: no command field

  wire [InstW-1:0] ci = c_inst[InstW-1:0];
  wire [AcctW-1:0] ca = c_acct[AcctW-1:0];
  wire inst_in_range = c_inst < 32'(Instruments);
  wire acct_in_range = c_acct < 32'(Accounts);
  wire inst_known = inst_in_range && in_status_q[ci] != xb_pkg::StUnconfigured;
  assign cac_now = taken_q ? ac_rdata : cac_q;
  assign cps_now = taken_q ? ps_rdata : cps_q;
  // the writes a finishing state makes to the memories a taken command reads: SRest5's link of
  // the level's old tail, and RFree's node and link of the slot it frees; either may be the taken
  // command's own order (forwarded)
  assign cnd_now = !taken_q ? cnd_q :
                   tk_ndf_q && tk_ndf_slot_q == c_w24[SlotW-1:0] ? tk_ndf_node_q : nd_rdata;
  assign cnx_now = !taken_q ? cnx_q :
                   tk_fwd_q && tk_fwd_slot_q == c_w24[SlotW-1:0] ? tk_fwd_link_q : nx_rdata;
  assign cpv_now = taken_q ? pv_rdata : cpv_q;
  wire acct_known = acct_in_range && cac_now.open;
  wire trading    = !halted_q && in_status_q[ci] == xb_pkg::StTrading;

  function automatic logic [BookW-1:0] book_of(input logic [InstW-1:0] inst, input logic side);
    book_of = {inst, side};
  endfunction

  function automatic logic [LvIdxW-1:0] level_of(input logic [InstW-1:0] inst, input logic side, input logic [63:0] price);
    level_of = {inst, side, price[LvlW-1:0]};
  endfunction

  function automatic logic [63:0] oid_of(input logic [SlotW-1:0] slot, input logic [31:0] gen);
    oid_of = {gen, 32'(slot)};
  endfunction

  function automatic logic [7:0] side_code(input logic side);
    side_code = side ? 8'd2 : 8'd1;
  endfunction

  // Is price q beyond price p, upward or downward? (A search that wrapped round the circular
  // window finds a price that is not.)
  function automatic logic past(input logic [31:0] q, input logic [31:0] p, input logic up);
    past = up ? q > p : q < p;
  endfunction

  // The word the next best lies in when level s's own word (its bits beyond s) holds none: the
  // next non-empty word of the book after s's, circularly, in the book's direction (summary:
  // the book's non-empty words). The bitmap's ahead copy reads it in the cycle s's word is read.
  function automatic logic [5:0] ahead_pick(input logic [63:0] summary, input logic [5:0] cw, input logic up);
    logic [63:0] others, beyond;
    others = summary & ~bit64(cw);
    beyond = beyond64(others, cw, up);
    ahead_pick = beyond != 0 ? first64(beyond, up) : first64(others, up);
  endfunction
  // ... as the ahead copy's read address, for level idx of its book
  function automatic logic [BmW-1:0] ahead_addr(input logic [63:0] summary, input logic [LvIdxW-1:0] idx);
    ahead_addr = {idx[LvIdxW-1:LvlW], WordW'(ahead_pick(summary, 6'(idx[LvlW-1:6]), idx[LvlW]))};
  endfunction

  // The first occupied slot circularly beyond slot s of a book (up: a sell book's higher
  // prices): in s's word w beyond s, else in the word the ahead copy read (wa, see ahead_pick),
  // else in w on the other side of s, reached last. {found, slot}: found is clear when the book
  // holds no other occupied slot.
  function automatic logic [LvlW:0] next_slot(input logic [63:0] w, input logic [63:0] wa, input logic [63:0] summary,
                                              input logic [LvlW-1:0] s, input logic up);
    logic [63:0] rest, nb, others;
    rest = w & ~bit64(s[5:0]);
    nb = beyond64(rest, s[5:0], up);
    others = summary & ~bit64(6'(s[LvlW-1:6]));
    if (nb != 0) next_slot = {1'b1, s[LvlW-1:6], first64(nb, up)};
    else if (others != 0) next_slot = {1'b1, WordW'(ahead_pick(summary, 6'(s[LvlW-1:6]), up)), first64(wa, up)};
    else next_slot = {rest != 0, s[LvlW-1:6], first64(rest, up)};
  endfunction

  // The next best price once the level at slot s leaves its book (its price inside the window,
  // as every resting price is), with no search: next_slot's slot priced from the window, the one
  // price of [wlo, whi = wlo + L - 1] on that slot (the slot under wlo's upper bits when it is at
  // or beyond wlo's slot, the window's first run, else under whi's, whi_hi; no adder). The
  // circular order from s meets the prices beyond s's up to the window's edge first and then,
  // past the edge, the ones before it: when the first slot's price is not beyond, there is no next
  // best (0), as when the book holds no other slot. Beyond is decided on slots, not prices: in
  // the same run, by slot order; in different runs, the second run's prices are the higher.
  function automatic logic [63:0] next_best(input logic [63:0] w, input logic [63:0] wa, input logic [63:0] summary,
                                            input logic [LvlW-1:0] s, input logic up, input logic [63:0] wlo,
                                            input logic [63-LvlW:0] whi_hi);
    logic [LvlW:0] ns;
    logic          first, s_first, beyond;
    ns = next_slot(w, wa, summary, s, up);
    first = ns[LvlW-1:0] >= wlo[LvlW-1:0];
    s_first = s >= wlo[LvlW-1:0];
    beyond = first == s_first ? (up ? ns[LvlW-1:0] > s : ns[LvlW-1:0] < s) : (up ? s_first : first);
    next_best = ns[LvlW] && beyond ? (first ? {wlo[63:LvlW], ns[LvlW-1:0]} : {whi_hi, ns[LvlW-1:0]}) : 64'd0;
  endfunction

  // Does price p on the opposite side cross an aggressor of side s with limit l?
  function automatic logic crosses_at(input logic s, input logic [63:0] p, input logic [63:0] l);
    crosses_at = s == 1'b0 ? $signed(p) <= $signed(l) : $signed(p) >= $signed(l);
  endfunction

  // ---------------------------------------------------------------------------------------
  // Sequential
  // ---------------------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin
    if (rst_i) begin
      state_q      <= SInit;
      sp_q         <= '0;
      init_q       <= '0;
      ready_q      <= 1'b0;
      evseq_q      <= 64'd1;
      stamp_q      <= '0;
      halted_q     <= 1'b0;
      free_valid_q <= 1'b0;
      free_head_q  <= '0;
      high_water_q <= '0;
      rf_pend_q    <= 1'b0;
      fin_fwd_q    <= 1'b0;
      cpend_q      <= 1'b0;
      ol_sent_q    <= 1'b0;
      taken_q      <= 1'b0;
      tk_fwd_q     <= 1'b0;
      tk_ndf_q     <= 1'b0;
    end else begin
      state_q      <= cmd_fire ? take_state : state_d;
      sp_q         <= sp_d;
      init_q       <= init_d;
      ready_q      <= ready_d;
      evseq_q      <= evseq_d;
      if (cmd_fire) stamp_q <= stamp_q + 32'd1;
      halted_q     <= halted_d;
      free_valid_q <= free_valid_d;
      free_head_q  <= free_head_d;
      high_water_q <= high_water_d;
      rf_pend_q    <= rf_pend_d;
      fin_fwd_q    <= fin_fwd_d;
      cpend_q      <= cpend_d;
      ol_sent_q    <= ol_sent_d;
      taken_q      <= cmd_fire;
      tk_fwd_q     <= cmd_fire && nx_we;  // this cycle's link write, for the reads just issued
      tk_ndf_q     <= cmd_fire && nd_we;  // and this cycle's node write (RFree's)
    end
    cycle_q <= rst_i ? '0 : cycle_q + 64'd1;
    for (int i = 0; i < StackDepth; i++) ret_q[i] <= ret_d[i];
    // Datapath registers: no reset needed.
    // A command taken this cycle (cmd_fire) starts from clean per-command state.
    if (cmd_fire) begin
      c_q <= cmd_data_i;
      start_q <= cycle_q;
      // the link and node writes of this cycle, for the reads just issued (see cnd_now)
      tk_fwd_slot_q <= nx_waddr; tk_fwd_link_q <= nx_wdata;
      tk_ndf_slot_q <= nd_waddr; tk_ndf_node_q <= nd_wdata;
    end
    evcount_q <= cmd_fire ? '0 : evcount_d;
    affected_q <= cmd_fire ? '0 : affected_d;
    tcount_q <= cmd_fire ? '0 : tcount_d;
    titer_q <= cmd_fire ? '0 : titer_d;
    reject_acct_q <= cmd_fire ? cmd_data_i[8*16 +: 32] : reject_acct_d;
    reject_inst_q <= cmd_fire ? cmd_data_i[8*20 +: 32] : reject_inst_d;
    reject_oid_q <= cmd_fire ? take_oid : reject_oid_d;
    reason_q <= reason_d;
    cac_q <= cac_d; cps_q <= cps_d; cnd_q <= cnd_d; cnx_q <= cnx_d; cpv_q <= cpv_d;
    a_slot_q <= a_slot_d; a_oid_q <= a_oid_d; a_limit_q <= a_limit_d; a_rem_q <= a_rem_d;
    a_perlot_q <= a_perlot_d; a_side_q <= a_side_d; a_stopped_q <= a_stopped_d; a_rests_q <= a_rests_d;
    fk_ownl_q <= fk_ownl_d; fk_need_q <= fk_need_d; mod_plim_q <= mod_plim_d; w_edge_q <= w_edge_d; fk_first_q <= fk_first_d; fk_next_q <= fk_next_d;
    a_stp_q <= a_stp_d; a_avail_q <= a_avail_d; a_lall_q <= a_lall_d; a_lvis_q <= a_lvis_d;
    w_price_q <= w_price_d; w_s_q <= w_s_d; w_next_q <= w_next_d; w_nd_q <= w_nd_d; w_cand_q <= w_cand_d;
    w_cidx_q <= w_cidx_d; w_bm_q <= w_bm_d;
    rf_fwd_q <= rf_fwd_d; rf_self_q <= rf_self_d; rf_slot_q <= rf_slot_d; rf_prev_q <= rf_prev_d;
    w_traded_q <= w_traded_d; w_tid_q <= w_tid_d; tk_res_q <= tk_res_d; tk_pos_q <= tk_pos_d; tk_open_q <= tk_open_d; w_self_q <= w_self_d; tk_any_q <= tk_any_d;
    lv_q <= lv_d; lv_idx_q <= lv_idx_d; lv_rqty_q <= lv_rqty_d; lv_rcount_q <= lv_rcount_d;
    ol_idx_q <= ol_idx_d; ol_price_q <= ol_price_d; ol_qty_q <= ol_qty_d; ol_count_q <= ol_count_d;
    // the finishing command's COMPLETE, from registers and fin_emit (whether the finishing
    // state emitted), not from this cycle's next-state values: the record and the sequence stay
    // off the long decision paths
    if (finish) begin
      // (a rejected command completes in SReject, the only state that rejects)
      cpend_rec_q <= xb_pkg::ev_complete(c_kind, state_q == SReject, evcount_q + 32'(fin_emit), affected_q, c_seq)
                     | {448'd0, evseq_q + 64'(fin_emit)};
      cpend_start_q <= start_q;
    end
    sr_book_q <= sr_book_d; sr_up_q <= sr_up_d; sr_check_q <= sr_check_d; sr_price_q <= sr_price_d;
    sr_result_q <= sr_result_d; sr_from_q <= sr_from_d;
    rl_idx_q <= rl_idx_d; rl_price_q <= rl_price_d;
    ul_prev_q <= ul_prev_d; ul_next_q <= ul_next_d; fr_nd_q <= fr_nd_d; fr_slot_q <= fr_slot_d;
    cr_slot_q <= cr_slot_d; cr_reason_q <= cr_reason_d;
    cr_nd_q <= cr_nd_d; sc_word_q <= sc_word_d; sc_mode_q <= sc_mode_d; sc_bits_q <= sc_bits_d; sc_slot_q <= sc_slot_d;
    fq_inst_q <= fq_inst_d; fq_bad_q <= fq_bad_d; fq_ok_q <= fq_ok_d;
    for (int k = 0; k < 2; k++) begin
      fq_pl_q[k] <= fq_pl_d[k];
      fq_pr_q[k] <= fq_pr_d[k];
    end
    dv_num_q <= dv_num_d; dv_quo_q <= dv_quo_d;
    rc_inst_q <= rc_inst_d; rc_ref_q <= rc_ref_d; rc_reason_q <= rc_reason_d;
  end

  assign ready_o           = ready_q;
  assign busy_o            = state_q != SIdle && state_q != SInit;
  // The engine may emit a record this cycle: the skid register is empty (and no pending COMPLETE
  // goes first). From registers only: see Egress.
  wire out_free = !sk_valid_q && !cpend_q;
  // ready in SIdle, and in SComplete when its COMPLETE record leaves (back to back)
  assign cmd_ready_o       = take && ready_q && run_i;
  assign evt_valid_o       = evt_valid_q;
  assign evt_data_o        = evt_data_q;
  assign cmd_start_cycle_o = start_q;


  // Event records, from registered values and the level memory's read data; the emitting state
  // adds the sequence number. Built in one block below, each in the states that emit it when
  // simulated (listed there): synthesis builds the same wiring whatever the state, a simulator
  // would otherwise assemble nine 512-bit records every cycle. A state missing from a list would
  // emit zeros in simulation, which every differential run would catch.
  logic [511:0] rec_accepted, rec_trade, rec_remainder, rec_modified_kept, rec_modified_moved;
  logic [511:0] rec_rejected, rec_complete, rec_book_level, rec_canceled;
  // the generation a slot takes when allocated: the next after its last, never 0
  logic [31:0] alloc_gen;
  assign alloc_gen = nd_rdata.gen + 32'd1 == 32'd0 ? 32'd1 : nd_rdata.gen + 32'd1;
  // BOOK_LEVEL of level lv_idx_q: from the level RAM's read data (the flush), or from lv_q when
  // the command touched that level only and it is still in registers (SFlushOne, RCancel6).
  logic [31:0]    bl_price;
  logic [63:0]    bl_qty;
  logic [SlotW:0] bl_count;
  // The level in lv_q (stored) differs from its before-values: its BOOK_LEVEL is due.
  logic           lv_changed;
  assign lv_changed = (lv_q.count == 0 ? 64'd0 : lv_q.qty) != lv_q.bqty || lv_q.count != lv_q.bcount;
  logic           bl_held;
  assign bl_held  = state_q == SFlushOne || state_q == RCancel6;
  assign bl_price = bl_held ? lv_q.price : lv_rdata.price;
  assign bl_qty   = bl_held ? lv_q.qty : lv_rdata.qty;
  assign bl_count = bl_held ? lv_q.count : lv_rdata.count;
  always_comb begin
    rec_accepted = '0; rec_trade = '0; rec_remainder = '0; rec_modified_kept = '0; rec_modified_moved = '0;
    rec_rejected = '0; rec_complete = '0; rec_book_level = '0; rec_canceled = '0;
    // ACCEPTED leaves with the allocation (SNoCheck2; SFokLevel2 or SNoAlloc2, FOK orders) or
    // after it (SNoAccept, when the output was full)
`ifdef VERILATOR
    if (state_q == SNoCheck2 || state_q == SFokLevel2 || state_q == SNoAlloc2 || state_q == SNoAccept)
`endif
      rec_accepted = xb_pkg::ev_accepted(c_b9, c_b10, c_b11, c_b12, c_b13, c_acct, c_inst,
                                         state_q != SNoAccept ? oid_of(a_slot_q, alloc_gen) : a_oid_q,
                                         a_limit_q, c_w32, c_w40, a_perlot_q);
`ifdef VERILATOR
    if (state_q == SMTrade)
`endif
      rec_trade = xb_pkg::ev_trade(side_code(a_side_q), 32'(w_nd_q.account), c_acct, c_inst, w_tid_q,
                                   w_price_q, w_traded_q, a_oid_q, oid_of(w_s_q.slot, w_nd_q.gen));
    // the aggressor's remainder (SFin2, SFinCancel): at its limit, which is its node's price
`ifdef VERILATOR
    if (state_q == SFin2 || state_q == SFinCancel)
`endif
      rec_remainder = xb_pkg::ev_canceled(a_stopped_q ? xb_pkg::RsSelfTrade : xb_pkg::RsIocRemainder,
                                          side_code(a_side_q), c_acct, c_inst, a_oid_q, 64'(a_limit_q[31:0]), a_rem_q);
`ifdef VERILATOR
    if (state_q == SModInPlace || state_q == SModInPlace4)
`endif
      rec_modified_kept = xb_pkg::ev_modified(side_code(cnd_q.side), 1'b1, c_acct, c_inst, c_w24, c_w32, c_w40,
                                              64'(cnd_q.perlot));
`ifdef VERILATOR
    if (state_q == SModCheck3 || state_q == SModEmit)
`endif
      rec_modified_moved = xb_pkg::ev_modified(side_code(cnd_q.side), 1'b0, c_acct, c_inst, c_w24, c_w32, c_w40,
                                               a_perlot_q);
`ifdef VERILATOR
    if (state_q == SReject)
`endif
      rec_rejected = xb_pkg::ev_rejected(reason_q, c_kind, reject_acct_q, reject_inst_q, reject_oid_q, c_seq);
    // latency: cycles from ingress to this record (the one field outside determinism)
`ifdef VERILATOR
    if (state_q == SComplete)
`endif
      rec_complete = xb_pkg::ev_complete(c_kind, 1'b0, evcount_q, affected_q, c_seq)  // (never a reject)
                     | {224'd0, 32'(cycle_q - start_q + 64'd1), 256'd0};
`ifdef VERILATOR
    if (state_q == SFlushOne || state_q == RFlushLevel || state_q == RCancel6)
`endif
      rec_book_level = xb_pkg::ev_book_level(side_code(lv_idx_q[LvlW]), 32'(bl_count),
                                             32'(lv_idx_q[LvIdxW-1:LvlW+1]), 64'(bl_price),
                                             bl_count == 0 ? 64'd0 : bl_qty);
    // a resting order canceled by RCancel (or by self-trade prevention in the walk)
`ifdef VERILATOR
    if (state_q == SMTrade || state_q == RCancel3 || state_q == RCancel4)
`endif
      rec_canceled = xb_pkg::ev_canceled(cr_reason_q, side_code(cr_nd_q.side), 32'(cr_nd_q.account),
                                         32'(cr_nd_q.inst), oid_of(cr_slot_q, cr_nd_q.gen), 64'(cr_nd_q.price),
                                         64'(cr_nd_q.leaves));
  end

  // Priority encoders of the bitmap search (RSearch3, RSearchLevel) and of the live-slot scans,
  // over registered values, built once for every state that uses them.
  logic [WordW-1:0] sr_word;     // bitmap word holding sr_from_q
  logic [63:0]      sr_summary;  // non-empty words of book sr_book_q
  logic [63:0]      sr_masked;   // occupied slots of that word from sr_from_q on, in direction sr_up_q
  logic [63:0]      sr_beyond;   // non-empty words beyond it, in direction sr_up_q
  logic [WordW-1:0] sr_beyond_pick, sr_summary_pick; // first non-empty word beyond / in the book
  logic [5:0]       sr_masked_pick, sr_word_pick, sc_pick;
  assign sr_word         = WordW'(sr_from_q >> 6);
  assign sr_summary      = 64'(summ_q[sr_book_q]);
  assign sr_masked       = bm_rdata & (sr_up_q ? ge_mask(sr_from_q[5:0]) : le_mask(sr_from_q[5:0]));
  assign sr_beyond       = beyond64(sr_summary, 6'(sr_word), sr_up_q);
  // The encoders, each computed only in the state that uses it (the hardware is the same; a
  // simulator then skips them in every other state).
  always_comb begin
    sr_masked_pick = '0; sr_beyond_pick = '0; sr_summary_pick = '0; sr_word_pick = '0; sc_pick = '0;
    if (state_q == RSearch3) begin
      sr_masked_pick  = first64(sr_masked, sr_up_q);
      sr_beyond_pick  = WordW'(first64(sr_beyond, sr_up_q));
      sr_summary_pick = WordW'(first64(sr_summary, sr_up_q));
    end
    if (state_q == RSearchLevel) sr_word_pick = first64(bm_rdata, sr_up_q);
    if (state_q == SScanNode || state_q == SScanAfter) sc_pick = lsb64(sc_bits_q);
  end
  logic [63:0] fq_maxq, fq_a [2], fq_b [2];
  assign fq_maxq = fq_inst_q ? c_w32 : in_maxq_q[ci];
  assign fq_a[0] = fq_inst_q ? co_a_q[book_of(ci, 1'b0)] : c_w24;
  assign fq_b[0] = fq_inst_q ? co_b_q[book_of(ci, 1'b0)] : c_w32;
  assign fq_a[1] = fq_inst_q ? co_a_q[book_of(ci, 1'b1)] : c_w40;
  assign fq_b[1] = fq_inst_q ? co_b_q[book_of(ci, 1'b1)] : c_w48;
  // The scan's next occupied live word at or after sc_word_q: in its own summary group, else
  // the first non-empty group beyond (a priority encoder over the groups, one over the group).
  logic [63:0]      ls_nonempty, ls_masked, ls_beyond;
  logic [5:0]       ls_g0, ls_g1;
  logic             ls_found;
  logic [LiveW:0]   ls_next;
  always_comb begin
    ls_nonempty = '0; ls_g0 = '0; ls_masked = '0; ls_beyond = '0; ls_g1 = '0; ls_found = 1'b0; ls_next = '0;
    if (state_q == SScanWord) begin  // (only there: see the encoders above)
      for (int g = 0; g < LsGroups; g++) ls_nonempty[g] = lsum_q[g] != 0;
      ls_g0 = 6'(64'(sc_word_q) >> 6);
      ls_masked = 32'(ls_g0) < LsGroups ? lsum_q[ls_group(ls_g0)] & ge_mask(6'(sc_word_q)) : '0;
      ls_beyond = beyond64(ls_nonempty, ls_g0, 1'b1);
      ls_g1 = lsb64(ls_beyond);
      ls_found = ls_masked != 0 || ls_beyond != 0;
      ls_next = ls_masked != 0 ? (LiveW+1)'({ls_g0, lsb64(ls_masked)})
                               : (LiveW+1)'({ls_g1, lsb64(lsum_q[ls_group(ls_g1)])});
    end
  end
  assign slot_free       = free_valid_q || high_water_q < (SlotW+1)'(OrderSlots);
  assign slot_next       = free_valid_q ? free_head_q : high_water_q[SlotW-1:0];
  // The walk's book (the aggressor's opposite): its summary, and the word ahead of the walked
  // level, the next non-empty word going round from the level's (the bitmap's ahead copy reads
  // it; SMNode2 takes the walk's next level from it with next_slot).
  logic [63:0]      nw_summary;
  logic [WordW-1:0] nw_pick;
  assign nw_summary = 64'(summ_q[book_of(ci, !a_side_q)]);
  // (Only in the walk's states, whose reads of the ahead copy it addresses by default; the
  // other states that read the copy address it themselves.)
  always_comb begin
    nw_pick = '0;
    if (state_q == SMLevel || state_q == SMLevel2 || state_q == SMNode2 || state_q == SMTrade ||
        state_q == SMLevelEnd || state_q == SMLevelEnd1) begin
      nw_pick = WordW'(ahead_pick(nw_summary, 6'(lv_idx_q[LvlW-1:6]), a_side_q == 1'b0));
    end
  end
  // The next best once level lv_idx_q (RCancel6: the canceled order's; SModCheck3: the moved
  // order's old one) or rl_idx_q (RRemoveLevel2) leaves its book, from registers and the two
  // bitmap words read the cycle before: computed here, outside the state logic, so that it
  // stays a path of its own from those registers to the best-price register.
  logic [BookW-1:0] nbl_book, nbr_book;
  logic [63:0]      nb_lv, nb_rl;
  assign nbl_book = lv_idx_q[LvIdxW-1:LvlW];
  assign nbr_book = rl_idx_q[LvIdxW-1:LvlW];
  // (Computed only in the states that use them: a simulator then skips them in the others.)
  always_comb begin
    nb_lv = '0;
    nb_rl = '0;
    if (state_q == RCancel6 || state_q == SModCheck3) begin
      nb_lv = next_best(bm_rdata, bx_rdata, 64'(summ_q[nbl_book]), lv_idx_q[LvlW-1:0], nbl_book[0],
                        in_wlo_q[nbl_book[BookW-1:1]], in_whi_q[nbl_book[BookW-1:1]][63:LvlW]);
    end
    if (state_q == RRemoveLevel2) begin
      nb_rl = next_best(bm_rdata, bx_rdata, 64'(summ_q[nbr_book]), rl_idx_q[LvlW-1:0], nbr_book[0],
                        in_wlo_q[nbr_book[BookW-1:1]], in_whi_q[nbr_book[BookW-1:1]][63:LvlW]);
    end
  end

  // ---------------------------------------------------------------------------------------
  // Next state
  // ---------------------------------------------------------------------------------------
  // Temporaries of the next-state logic (assigned before use in every state that uses them).
  logic        market, gtc, post, reduce, bad_flags, buy, by_acct, by_inst, hit;
  logic [63:0] limit, reducible, p, traded, old_res, new_res, bits, lo, hi, blo, bhi;
  logic [63:0] beyond, word, q;
  logic [63:0] rc_old_lo, rc_shift, rc_words;  // SRecentre2: the prices the window loses
  logic [LvlW-1:0] rc_first, rc_last;
  logic [5:0]  rc_fw, rc_lw;
  logic        rc_up;
  logic [31:0] g;
  logic [39:0] nv;
  logic [BookW-1:0] b;
  logic [LvlW:0]    ns;
  logic [InstW-1:0] inst;
  node_t       n;
  level_t      l;

  always_comb begin
    market = 1'b0; gtc = 1'b0; post = 1'b0; reduce = 1'b0; bad_flags = 1'b0; buy = 1'b0;
    by_acct = 1'b0; by_inst = 1'b0; hit = 1'b0;
    limit = '0; reducible = '0; p = '0; traded = '0; old_res = '0; new_res = '0;
    bits = '0; lo = '0; hi = '0; blo = '0; bhi = '0; beyond = '0; word = '0; q = '0;
    rc_old_lo = '0; rc_shift = '0; rc_first = '0; rc_last = '0; rc_words = '0; rc_fw = '0; rc_lw = '0; rc_up = 1'b0;
    g = '0; nv = '0; b = '0; ns = '0; inst = '0; n = '0; l = '0;
    // Defaults: hold everything, no memory writes.
    state_d = state_q; sp_d = sp_q; call = 1'b0; call_ret = SIdle;
    for (int i = 0; i < StackDepth; i++) ret_d[i] = ret_q[i];
    evcount_d = evcount_q; affected_d = affected_q;
    reason_d = reason_q; reject_oid_d = reject_oid_q;
    reject_acct_d = reject_acct_q; reject_inst_d = reject_inst_q;
    tcount_d = tcount_q; titer_d = titer_q; halted_d = halted_q;
    inst_set = 1'b0; window_set = 1'b0; margin_set = 1'b0; tid_inc = 1'b0;
    best_we = 1'b0; best_book = '0; best_val = '0;
    summ_we = 1'b0; summ_book = '0; summ_word = '0; summ_val = 1'b0;
    unlink = 1'b0; ul_prev = '0; ul_next = '0; lv_store = 1'b0; fin_reads = 1'b0; take = 1'b0; mod_fwd = 1'b0; finish = 1'b0; fin_emit = 1'b0;
    unmark = 1'b0; um_idx = '0;
    cpend_d = cpend_q;
    append = 1'b0; jn_count = '0; jn_tail = '0; jn_price = '0;
    lsum_we = 1'b0; lsum_word = '0; lsum_val = 1'b0;
    walk_enter = 1'b0; walk_idx = '0; alloc = 1'b0; walk_start = 1'b0; walk_held = 1'b0; accept = 1'b0; fk_read = 1'b0; fk_price = '0; fok_ok = 1'b0; fok_take = 1'b0; free = 1'b0; free_slot = '0; free_nd = '0;
    free_head_d = free_head_q; free_valid_d = free_valid_q; high_water_d = high_water_q;
    init_d = init_q; ready_d = ready_q;
    emit = 1'b0; emit_rec = '0; evseq_d = evseq_q;
    cac_d = cac_now; cps_d = cps_now; cnd_d = cnd_now; cnx_d = cnx_now; cpv_d = cpv_now;  // latched on the first cycle
    a_slot_d = a_slot_q; a_oid_d = a_oid_q; a_limit_d = a_limit_q; a_rem_d = a_rem_q; a_perlot_d = a_perlot_q;
    a_side_d = a_side_q; a_stopped_d = a_stopped_q; a_rests_d = a_rests_q; a_stp_d = a_stp_q;
    a_avail_d = a_avail_q; a_lall_d = a_lall_q; a_lvis_d = a_lvis_q;
    fk_ownl_d = fk_ownl_q; fk_need_d = fk_need_q; mod_plim_d = mod_plim_q; w_edge_d = w_edge_q; fk_first_d = fk_first_q; fk_next_d = fk_next_q;
    w_price_d = w_price_q; w_s_d = w_s_q; w_next_d = w_next_q; w_nd_d = w_nd_q; w_cand_d = w_cand_q;
    w_cidx_d = w_cidx_q; w_bm_d = w_bm_q;
    // the ahead copy reads the next non-empty word going round from the walked level's
    // (walk_enter: from the level entered; the states that remove a level: from that level)
    bx_raddr = {book_of(ci, !a_side_q), nw_pick};
    rf_pend_d = 1'b0; rf_fwd_d = 1'b0; rf_self_d = 1'b0; fin_fwd_d = 1'b0; ol_sent_d = 1'b0; rf_slot_d = rf_slot_q; rf_prev_d = rf_prev_q;  // one-cycle flags
    w_traded_d = w_traded_q; w_tid_d = w_tid_q; tk_res_d = tk_res_q; tk_pos_d = tk_pos_q; tk_open_d = tk_open_q; w_self_d = w_self_q; tk_any_d = tk_any_q;
    lv_d = lv_q; lv_idx_d = lv_idx_q; lv_rqty_d = lv_rqty_q; lv_rcount_d = lv_rcount_q;
    ol_idx_d = ol_idx_q; ol_price_d = ol_price_q; ol_qty_d = ol_qty_q; ol_count_d = ol_count_q;
    sr_book_d = sr_book_q; sr_up_d = sr_up_q; sr_check_d = sr_check_q; sr_price_d = sr_price_q;
    sr_result_d = sr_result_q; sr_from_d = sr_from_q;
    rl_idx_d = rl_idx_q; rl_price_d = rl_price_q;
    ul_prev_d = ul_prev_q; ul_next_d = ul_next_q; fr_nd_d = fr_nd_q; fr_slot_d = fr_slot_q;
    cr_slot_d = cr_slot_q; cr_reason_d = cr_reason_q;
    cr_nd_d = cr_nd_q; sc_word_d = sc_word_q; sc_bits_d = sc_bits_q; sc_slot_d = sc_slot_q;
    fq_inst_d = fq_inst_q; fq_bad_d = fq_bad_q; fq_ok_d = fq_ok_q;
    for (int k = 0; k < 2; k++) begin
      fq_pl_d[k] = fq_pl_q[k];
      fq_pr_d[k] = fq_pr_q[k];
    end
    dv_num_d = dv_num_q; dv_quo_d = dv_quo_q; dv_prod = '0;
    rc_inst_d = rc_inst_q; rc_ref_d = rc_ref_q; rc_reason_d = rc_reason_q; sc_mode_d = sc_mode_q;

    nd_we = 1'b0; nx_we = 1'b0; pv_we = 1'b0; lv_we = 1'b0; ac_we = 1'b0; ps_we = 1'b0;
    bm_we = 1'b0; lw_we = 1'b0; tl_we = 1'b0;
    nd_raddr_m = '0; nd_waddr = '0; nd_wdata = '0; nx_waddr = '0; nx_wdata = '0; pv_waddr = '0; pv_wdata = '0;
    lv_raddr = '0; lv_waddr = '0; lv_wdata = '0; ac_raddr_m = '0; ac_waddr = '0; ac_wdata = '0;
    ps_raddr_m = '0; ps_waddr = '0; ps_wdata = '0; bm_raddr = '0; bm_waddr = '0; bm_wdata = '0;
    lw_raddr = '0; lw_waddr = '0; lw_wdata = '0; tl_raddr = '0; tl_waddr = '0; tl_wdata = '0;

    unique case (state_q)
      // -------------------------------------------------------------------------------------
      // Initialisation: clear every memory, one address per cycle.
      // -------------------------------------------------------------------------------------
      SInit: begin
        nd_we = 1'b1; nd_waddr = init_q[SlotW-1:0];
        nx_we = 1'b1; nx_waddr = init_q[SlotW-1:0];
        pv_we = 1'b1; pv_waddr = init_q[SlotW-1:0];
        lv_we = 1'b1; lv_waddr = init_q[LvIdxW-1:0];
        ac_we = 1'b1; ac_waddr = init_q[AcctW-1:0];
        ps_we = 1'b1; ps_waddr = init_q[AiW-1:0];
        bm_we = 1'b1; bm_waddr = init_q[BmW-1:0];
        lw_we = 1'b1; lw_waddr = init_q[LiveW-1:0];
        init_d = init_q + 1'b1;
        if (init_q == InitW'(InitDepth - 1)) begin
          ready_d = 1'b1;
          state_d = SIdle;
        end
      end

      SIdle: begin
        take = 1'b1;
      end

      SDispatch: begin
        reject_acct_d = c_acct; reject_inst_d = c_inst; reject_oid_d = '0;
        unique case (c_kind)
          xb_pkg::CmdNewOrder:      state_d = SNoCheck;
          xb_pkg::CmdModify:        begin reject_oid_d = c_w24; state_d = SModCheck; end
          xb_pkg::CmdCancel:        begin reject_oid_d = c_w24; state_d = SModCheck; end
          xb_pkg::CmdMassCancel:    state_d = SMass;
          xb_pkg::CmdSetInstrument: begin reject_acct_d = '0; state_d = SSetInst; end
          xb_pkg::CmdSetMargin:     begin reject_acct_d = '0; state_d = SSetMargin; end
          xb_pkg::CmdSetReference:  begin reject_acct_d = '0; state_d = SSetRef; end
          xb_pkg::CmdSetAccount:    begin reject_inst_d = '0; state_d = SSetAccount; end
          xb_pkg::CmdHalt:          begin halted_d = 1'b1; state_d = SFlush; end
          xb_pkg::CmdResume:        begin halted_d = 1'b0; state_d = SFlush; end
          xb_pkg::CmdHeartbeat:     state_d = SFlush;
          default:          begin reason_d = xb_pkg::RsUnknownCommand; state_d = SReject; end
        endcase
      end

      // -------------------------------------------------------------------------------------
      // New order: checks V1-V6, R1-R2 (docs/semantics.md)
      // -------------------------------------------------------------------------------------
      SNoCheck: begin
        market = c_b10 == 8'd2;
        gtc = c_b11 == 8'd1;
        post = c_b12[0];
        reduce = c_b12[1];
        buy = c_b9 == 8'd1;
        bad_flags = !(c_b9 == 8'd1 || c_b9 == 8'd2) || !(c_b10 == 8'd1 || market) ||
          c_b11 < 8'd1 || c_b11 > 8'd3 || c_b13 > 8'd2 || c_b12[7:2] != 6'd0 ||
          (market && gtc) || (post && (market || !gtc)) || (reduce && gtc) || ($signed(c_w40) > 0 && !gtc);
        limit = market ? (buy ? in_bhi_q[ci] : in_blo_q[ci]) : c_w24;
        reducible = buy ? -cps_now.pos : cps_now.pos;
        a_side_d = !buy;
        a_limit_d = limit;
        a_perlot_d = reduce ? 64'd0 : co_a_q[book_of(ci, !buy)] + co_b_q[book_of(ci, !buy)] * limit;
        // the slot rule C1 would take, read now so that SNoCheck2 can take it
        a_slot_d = slot_next;
        nd_raddr_m = slot_next;
        lw_raddr = LiveW'(slot_next >> 6);
        if (!inst_known) begin
          reason_d = xb_pkg::RsUnknownInstrument; state_d = SReject;
        end else if (!acct_known) begin
          reason_d = xb_pkg::RsUnknownAccount; state_d = SReject;
        end else if (bad_flags) begin
          reason_d = xb_pkg::RsInvalidFlags; state_d = SReject;
        end else if ($signed(c_w32) <= 0 || $signed(c_w40) < 0 || $signed(c_w40) > $signed(c_w32)) begin
          reason_d = xb_pkg::RsInvalidQuantity; state_d = SReject;
        end else if ($signed(c_w32) > $signed(in_maxq_q[ci])) begin
          reason_d = xb_pkg::RsQuantityOverMax; state_d = SReject;
        end else if (market ? c_w24 != 0 : ($signed(c_w24) <= 0 || $signed(c_w24) > $signed(xb_pkg::MaxPrice))) begin
          reason_d = xb_pkg::RsInvalidPrice; state_d = SReject;
        end else if (!trading) begin
          reason_d = xb_pkg::RsNotTrading; state_d = SReject;
        end else if ($signed(limit) < $signed(in_blo_q[ci]) || $signed(limit) > $signed(in_bhi_q[ci])) begin
          reason_d = xb_pkg::RsOutOfBand; state_d = SReject;
        end else if (reduce && $signed(c_w32) > $signed(reducible)) begin
          reason_d = xb_pkg::RsReduceOnly; state_d = SReject;
        end else if (!reduce && (buy ? $signed(cps_now.pos + cps_now.buy + c_w32) > $signed(in_plim_q[ci])
                                     : $signed(cps_now.pos - cps_now.sell - c_w32) < -$signed(in_plim_q[ci]))) begin
          reason_d = xb_pkg::RsPositionLimit; state_d = SReject;
        end else begin
          state_d = SNoCheck2;
        end
      end

      SNoCheck2: begin
        // the bitmap word of the level at the limit, for SFin2's direct rest: read whatever the
        // checks decide (the address must not wait for the margin product)
        bm_raddr = {book_of(ci, a_side_q), a_limit_q[LvlW-1:6]};
        if (c_b11 == 8'd3) begin
          // a fill-or-kill order's first count (SFokLevel's reads, at the opposite best), and its
          // slot's node and live word again, for a count that is done in its first state
          fk_read = 1'b1; fk_price = best_q[book_of(ci, !a_side_q)];
        end
        if (!c_b12[1] && $signed(c_w32 * a_perlot_q) > $signed(cac_q.credit - cac_q.reserved)) begin
          reason_d = xb_pkg::RsInsufficientMargin; state_d = SReject;
        end else if (c_b12[0] && best_q[book_of(ci, !a_side_q)] != 0 &&
                     crosses_at(a_side_q, best_q[book_of(ci, !a_side_q)], a_limit_q)) begin
          reason_d = xb_pkg::RsPostOnlyCross; state_d = SReject;
        end else if (c_b11 == 8'd3) begin
          a_avail_d = '0;
          w_price_d = best_q[book_of(ci, !a_side_q)];
          fk_ownl_d = fk_own;
          fk_need_d = c_w32 + fk_own;
          fk_first_d = 1'b1;
          if (best_q[book_of(ci, !a_side_q)] == 0 || !crosses_at(a_side_q, best_q[book_of(ci, !a_side_q)], a_limit_q)) begin
            reason_d = xb_pkg::RsFokUnfillable; state_d = SReject;
          end else begin
            state_d = SFokLevel2;
          end
        end else if (!slot_free) begin
          reason_d = xb_pkg::RsBookFull; state_d = SReject;
        end else if (out_free) begin
          // the slot's node, free-list link and live word were read in SNoCheck: the order
          // takes it, ACCEPTED leaves and the walk starts, all in this cycle
          alloc = 1'b1;
          accept = 1'b1;
        end else begin
          // the event output is full: wait, reading the slot's node and live word again
          nd_raddr_m = a_slot_q;
          lw_raddr = LiveW'(a_slot_q >> 6);
        end
      end

      // Rule M2: fill-or-kill dry walk from the opposite best (SNoCheck2 reads it): the level at
      // w_price with its bitmap word and the word ahead, then the next occupied price beyond it
      // (next_best, as for a removed level), two cycles a level. While none of the account's own
      // open quantity on that book lies ahead (fk_ownl = 0: no self-trade to skip), a level counts
      // its lsum, all its orders' leaves. Otherwise, with cancel resting, lsum - fk_ownl is a lower
      // bound of what the level adds, which may already be enough; if not, the count walks the
      // level's orders, one a cycle, leaving out the account's own (cancel resting; fk_ownl goes
      // down by each) or stopping at the first of them (cancel aggressor, cancel both: only the
      // displayed parts ahead of it are reached), one cycle a level and one an order. Either
      // stops as soon as the quantity is there.
      SFokLevel: begin
        fk_read = 1'b1; fk_price = w_price_q;
        state_d = SFokLevel2;
      end
      SFokLevel2: begin
        // the first level counted is the opposite best, where the walk starts: kept in lv_q
        fk_first_d = 1'b0;
        if (fk_first_q) begin
          lv_d = lv_rdata; lv_idx_d = level_of(ci, !a_side_q, w_price_q);
        end
        fk_next_d = next_best(bm_rdata, bx_rdata, nw_summary, w_price_q[LvlW-1:0], a_side_q == 1'b0,
                              in_wlo_q[ci], in_whi_q[ci][63:LvlW]);
        if (w_price_q == 0 || !crosses_at(a_side_q, w_price_q, a_limit_q)) begin
          reason_d = xb_pkg::RsFokUnfillable; state_d = SReject;
        end else if ((fk_ownl_q == 0 || c_b13 == 8'd0) &&
                     $signed(lv_rdata.count == 0 ? 64'd0 : lv_rdata.lsum) >= $signed(fk_need_q)) begin
          fok_take = 1'b1;   // the slot's node and live word were read with the level
        end else if (fk_ownl_q == 0) begin
          a_avail_d = a_avail_q + (lv_rdata.count == 0 ? 64'd0 : lv_rdata.lsum);
          fk_need_d = fk_need_q - (lv_rdata.count == 0 ? 64'd0 : lv_rdata.lsum);
          w_price_d = fk_next_d;
          state_d = SFokLevel;
        end else begin
          a_lall_d = '0; a_lvis_d = '0;
          nd_raddr_m = lv_rdata.head;   // a level the bitmap found holds orders
          state_d = SFokNode2;
        end
      end
      SFokNode2: begin
        // one order per cycle: its next link, read with it, addresses the next read
        if (nd_rdata.account == ca && c_b13 != 8'd0) begin
          // the walk would stop here: the displayed parts ahead are all it reaches
          if ($signed(a_avail_q + a_lvis_q) >= $signed(c_w32)) begin
            fok_ok = 1'b1;
          end else begin
            reason_d = xb_pkg::RsFokUnfillable; state_d = SReject;
          end
        end else begin
          if (nd_rdata.account != ca) begin
            a_lall_d = a_lall_q + 64'(nd_rdata.leaves);
            a_lvis_d = a_lvis_q + 64'(nd_rdata.visible);
          end else begin
            fk_ownl_d = fk_ownl_q - 64'(nd_rdata.leaves);
            fk_need_d = fk_need_q - 64'(nd_rdata.leaves);
          end
          // enough already: the displayed parts ahead are always reached, and with cancel
          // resting so is every tranche at this level; at the level's end, all of them are
          if ($signed(a_avail_q + (c_b13 == 8'd0 || !nx_rdata.valid ? a_lall_d : a_lvis_d)) >= $signed(c_w32)) begin
            fok_ok = 1'b1;
          end else if (nx_rdata.valid) begin
            nd_raddr_m = nx_rdata.slot;
          end else begin
            // the level's end: the next one is read now (SFokLevel's reads, from fk_next), and
            // the slot's node and live word again (for fok_take there)
            a_avail_d = a_avail_q + a_lall_d;
            fk_need_d = fk_need_d - a_lall_d;
            w_price_d = fk_next_q;
            fk_read = 1'b1; fk_price = fk_next_q;
            state_d = SFokLevel2;
          end
        end
      end

      // Rule C1: the slot taken after a fill-or-kill count that walked orders (fok_ok read it);
      // fok_take's work.
      SNoAlloc2: begin
        fok_take = 1'b1;
      end
      SNoAccept: begin
        accept = out_free;
      end

      // -------------------------------------------------------------------------------------
      // Matching walk (rules M3-M5). Aggressor in a_*, account ca, instrument ci.
      // -------------------------------------------------------------------------------------
      SMLevel: begin
        p = best_q[book_of(ci, !a_side_q)];
        if (a_rem_q == 0 || p == 0 || !crosses_at(a_side_q, p, a_limit_q)) begin
          sp_d = sp_q - 1'b1; state_d = ret_top;
        end else begin
          w_price_d = p;
          lv_idx_d = level_of(ci, !a_side_q, p);
          lv_raddr = level_of(ci, !a_side_q, p);
          state_d = SMLevel2;
        end
      end
      SMLevel2: begin
        // The level stays in lv_q for the whole walk and is stored once, when the walk leaves it
        // (SMLevelEnd, or SMTrade when the level empties).
        lv_d = lv_rdata; lv_rqty_d = lv_rdata.count == 0 ? 64'd0 : lv_rdata.qty; lv_rcount_d = lv_rdata.count;
        w_s_d = {lv_rdata.count != 0, lv_rdata.head};
        if (lv_rdata.count != 0) begin
          nd_raddr_m = lv_rdata.head;
          bm_raddr = lv_idx_q[LvIdxW-1:6];
          state_d = SMNode2;
        end else begin
          state_d = SMLevelEnd;
        end
      end
      SMNode2: begin
        // The walked order is always the level's head: the ones before it were filled, refreshed
        // to the tail or canceled. Its previous link is therefore invalid and is not used (the
        // prev RAM's data may predate the unlink SMTrade wrote in the cycle this read was
        // issued). After an
        // iceberg refresh the node and next link may come from SMTrade's registers (rf_*),
        // which wrote them in the cycle this read was issued.
        n = rf_self_q ? w_nd_q : nd_rdata;
        w_nd_d = n;
        w_next_d = rf_self_q ? '0 : rf_fwd_q ? {1'b1, rf_slot_q} : nx_rdata;
        w_self_d = n.account == ca;
        // the price beyond the walked level's lies outside the window (for SMTrade, from
        // registers only)
        beyond = a_side_q == 1'b0 ? w_price_q + 64'd1 : w_price_q - 64'd1;
        w_edge_d = $signed(beyond) < $signed(in_wlo_q[ci]) || $signed(beyond) > $signed(in_whi_q[ci]);
        if (n.account == ca && a_stp_q == 2'd1) begin
          // rule M5, cancel aggressor: the walk stops before this order
          a_stopped_d = 1'b1;
          state_d = SMLevelEnd;
        end else begin
          if (n.account == ca) begin
            // Rule M5, cancel resting: SMTrade takes the order out as it takes a filled one, with
            // CANCELED instead of TRADE; its release is the taker's own, deferred with the rest.
            cr_slot_d = w_s_q.slot; cr_reason_d = xb_pkg::RsSelfTrade; cr_nd_d = n;
          end else begin
            traded = min64(a_rem_q, 64'(n.visible));
            w_traded_d = traded;
            a_rem_d = a_rem_q - traded;
            w_tid_d = in_tid_q[ci] + 64'd1;
            tid_inc = 1'b1;
          end
          // the maker's account, position and live-slot word are read now and written next cycle
          ac_raddr_m = n.account;
          ps_raddr_m = {n.account, ci};
          lw_raddr = LiveW'(w_s_q.slot >> 6);
          // The level's bitmap word arrives with the node; it is kept for when this order leaves
          // an emptied level. If this is the level's last order, the first occupied level
          // circularly beyond it is read now, so that SMTrade can enter it (next_best's order):
          // in the same word beyond the level, else in the next non-empty word of the book (the
          // summary), whose bitmap word the ahead copy delivers with the node, else in the same
          // word on the other side.
          w_bm_d = bm_rdata;
          bm_raddr = lv_idx_q[LvIdxW-1:6];
          ns = next_slot(bm_rdata, bx_rdata, nw_summary, lv_idx_q[LvlW-1:0], a_side_q == 1'b0);
          w_cand_d = !w_next_d.valid && ns[LvlW];
          w_cidx_d = {book_of(ci, !a_side_q), ns[LvlW-1:0]};
          if (w_cand_d) lv_raddr = w_cidx_d;
          state_d = SMTrade;
        end
      end
      SMTrade: begin
        // One fill in one cycle: the TRADE record; the maker's reservation and position (separate
        // memories); the maker's node; and, when it is filled, its unlink from the head of the
        // level, its slot pushed on the free list and its live bit cleared, while the next order
        // of the level is read. The taker's changes accumulate in registers and are written once
        // when the walk ends. While egress is full nothing is written and the reads are held.
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          tk_any_d = 1'b1;
          n = w_nd_q;
          if (w_self_q) begin
            // self-trade: the resting order is canceled; its reservation and open quantity
            // are the taker's account's, released with the taker's deferred changes
            emit_rec = rec_canceled | {448'd0, evseq_q};
            tk_res_d = tk_res_q - 64'(w_nd_q.leaves) * 64'(w_nd_q.perlot);
            tk_open_d = tk_open_q + 64'(w_nd_q.leaves);
            n.leaves = '0;
            n.visible = '0;
            lv_d.qty = lv_q.qty - 64'(w_nd_q.visible);
            lv_d.lsum = lv_q.lsum - 64'(w_nd_q.leaves);
            a_stopped_d = a_stp_q != 2'd0;   // cancel both: the walk stops here
          end else begin
            emit_rec = rec_trade | {448'd0, evseq_q};
            ac_we = 1'b1; ac_waddr = w_nd_q.account;
            ac_wdata = ac_rdata;
            ac_wdata.reserved = ac_rdata.reserved - w_traded_q * 64'(w_nd_q.perlot);
            ps_we = 1'b1; ps_waddr = {w_nd_q.account, ci};
            ps_wdata = ps_rdata;
            ps_wdata.pos = ps_rdata.pos + (a_side_q == 1'b0 ? -w_traded_q : w_traded_q);
            ps_wdata.buy = ps_rdata.buy - (w_nd_q.side == 1'b0 ? w_traded_q : 64'd0);
            ps_wdata.sell = ps_rdata.sell - (w_nd_q.side == 1'b1 ? w_traded_q : 64'd0);
            tk_res_d = tk_res_q - w_traded_q * a_perlot_q;
            tk_pos_d = tk_pos_q + (a_side_q == 1'b0 ? w_traded_q : -w_traded_q);
            n.leaves = w_nd_q.leaves - w_traded_q[39:0];
            n.visible = w_nd_q.visible - w_traded_q[39:0];
            lv_d.qty = lv_q.qty - w_traded_q;
            lv_d.lsum = lv_q.lsum - w_traded_q;
          end
          nd_we = 1'b1; nd_waddr = w_s_q.slot;
          if (n.leaves == 0) begin
            // filled: unlink the head, free the slot (rule C1's LIFO list), next order
            free = 1'b1; free_slot = w_s_q.slot; free_nd = n;   // live word read in SMNode2
            lv_d.head = w_next_q.slot;
            if (w_next_q.valid) begin
              pv_we = 1'b1; pv_waddr = w_next_q.slot; pv_wdata = '0;
            end else begin
              lv_d.tail = '0;
            end
            lv_d.count = lv_q.count - 1'b1;
            w_s_d = w_next_q;
            if (w_next_q.valid && a_rem_q != 0 && !a_stopped_d) begin
              nd_raddr_m = w_next_q.slot;
              bm_raddr = lv_idx_q[LvIdxW-1:6];
              state_d = SMNode2;
            end else if (!w_next_q.valid && a_rem_q != 0 && !a_stopped_d) begin
              // The level is empty and the aggressor goes on: store the level, clear its bitmap
              // bit (word read with the node) and search the next best price, which is the
              // next level to walk (RRemoveLevel and RSearch's first state, done here).
              lv_store = 1'b1;
              b = book_of(ci, !a_side_q);
              word = w_bm_q & ~(64'd1 << lv_idx_q[5:0]);
              bm_we = 1'b1; bm_waddr = lv_idx_q[LvIdxW-1:6]; bm_wdata = word;
              if (word == 0) begin
                summ_we = 1'b1; summ_book = b; summ_word = lv_idx_q[LvlW-1:6]; summ_val = 1'b0;
              end
              hit = past(lv_rdata.price, w_price_q[31:0], a_side_q == 1'b0);
              if (w_edge_q) begin
                best_we = 1'b1; best_book = b; best_val = '0;
                state_d = SMLevel;
              end else if (w_cand_q) begin
                // The first occupied level circularly beyond was read with the node (SMNode2):
                // the next best, unless its price is not beyond (the window wrapped: there is
                // none) or it does not cross (the walk ends there); else the walk enters it now.
                if (hit && crosses_at(a_side_q, 64'(lv_rdata.price), a_limit_q)) begin
                  walk_enter = 1'b1; walk_idx = {b, lv_rdata.price[LvlW-1:0]};
                end else begin
                  best_we = 1'b1; best_book = b; best_val = hit ? 64'(lv_rdata.price) : '0;
                  state_d = SMLevel;
                end
              end else begin
                // no other occupied level: the side is empty
                best_we = 1'b1; best_book = b; best_val = '0;
                state_d = SMLevel;
              end
            end else begin
              state_d = SMLevelEnd;
            end
          end else if (n.visible == 0) begin
            // Rule M4: refresh to the back of the queue. The head moves to the tail: the next
            // order's prev link and the old tail's next link now, the moved order's own links
            // in the next cycle (rf_pend: one write port per link RAM). Alone in its level, it
            // stays where it is and trades on from its registers (rf_self).
            n.visible = (n.display < n.leaves) ? n.display : n.leaves;
            lv_d.qty = lv_q.qty - w_traded_q + 64'(n.visible);
            nd_wdata = n;
            w_nd_d = n;
            if (w_next_q.valid) begin
              // the next order becomes the head; the old tail's next is this order; this
              // order's own links (prev = old tail, no next) are written in the next cycle
              pv_we = 1'b1; pv_waddr = w_next_q.slot; pv_wdata = '0;
              nx_we = 1'b1; nx_waddr = lv_q.tail; nx_wdata = w_s_q;
              rf_pend_d = 1'b1; rf_slot_d = w_s_q.slot; rf_prev_d = {1'b1, lv_q.tail};
              lv_d.head = w_next_q.slot; lv_d.tail = w_s_q.slot;
              w_s_d = w_next_q;
              if (a_rem_q != 0) begin
                // the next order is read now; if it was the tail, its next link (being written
                // now) is this order
                rf_fwd_d = lv_q.tail == w_next_q.slot;
                nd_raddr_m = w_next_q.slot;
                bm_raddr = lv_idx_q[LvIdxW-1:6];
                state_d = SMNode2;
              end else begin
                state_d = SMLevelEnd;
              end
            end else if (a_rem_q != 0) begin
              // alone in its level: it trades on from its registers
              rf_self_d = 1'b1;
              bm_raddr = lv_idx_q[LvIdxW-1:6];
              state_d = SMNode2;
            end else begin
              state_d = SMLevelEnd;
            end
          end else begin
            // partly filled: the aggressor is done
            nd_wdata = n;
            w_nd_d = n;
            state_d = SMLevelEnd;
          end
        end else begin
          ac_raddr_m = w_nd_q.account;
          ps_raddr_m = {w_nd_q.account, ci};
          lw_raddr = LiveW'(w_s_q.slot >> 6);
          bm_raddr = lv_idx_q[LvIdxW-1:6];
          if (w_cand_q) lv_raddr = w_cidx_q;
        end
      end
      SMLevelEnd: begin
        call = 1'b1; call_ret = SMLevelEnd1;
        state_d = RStoreLevel;
      end
      SMLevelEnd1: begin
        if (lv_q.count == 0) begin
          rl_idx_d = lv_idx_q; rl_price_d = w_price_q;
          call = 1'b1; call_ret = SMLevelEnd2;
          state_d = RRemoveLevel;
        end else begin
          state_d = SMLevelEnd2;
        end
      end
      SMLevelEnd2: begin
        if (a_stopped_q) begin
          sp_d = sp_q - 1'b1; state_d = ret_top;
        end else begin
          state_d = SMLevel;
        end
      end

      // -------------------------------------------------------------------------------------
      // After the walk (rule M6): free, cancel the remainder, or rest.
      // -------------------------------------------------------------------------------------
      SFin: begin
        fin_reads = 1'b1;
        state_d = tk_any_q ? SFinTaker : SFin2;
      end
      SFinTaker: begin
        // the taker's changes accumulated over the walk, written once
        ac_we = 1'b1; ac_waddr = ca;
        ac_wdata = ac_rdata;
        ac_wdata.reserved = ac_rdata.reserved + tk_res_q;
        ps_we = 1'b1; ps_waddr = {ca, ci};
        ps_wdata = ps_rdata;
        ps_wdata.pos = ps_rdata.pos + tk_pos_q;
        // self-trade cancels released open quantity on the resting side (the taker's opposite)
        ps_wdata.buy = ps_rdata.buy - (a_side_q == 1'b1 ? tk_open_q : 64'd0);
        ps_wdata.sell = ps_rdata.sell - (a_side_q == 1'b0 ? tk_open_q : 64'd0);
        tk_any_d = 1'b0;
        state_d = SFin;
      end
      SFin2: begin
        n = fin_fwd_q ? w_nd_q : nd_rdata;
        n.leaves = a_rem_q[39:0];
        w_nd_d = n;
        // a slot given back is freed in RFree, its live word read now
        fr_slot_d = a_slot_q; fr_nd_d = n;
        if (a_rem_q == 0) begin
          lw_raddr = LiveW'(a_slot_q >> 6);
          call = 1'b1; call_ret = SFlush;
          state_d = RFree;
        end else if (a_stopped_q || !a_rests_q) begin
          // the remainder's reservation is released (account read in SFin, or as allocated),
          // and its CANCELED leaves now if the output is free (else SFinCancel waits)
          ac_we = 1'b1; ac_waddr = ca;
          ac_wdata = fin_fwd_q ? cac_q : ac_rdata;
          ac_wdata.reserved = ac_wdata.reserved - a_rem_q * a_perlot_q;
          if (out_free) begin
            emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
            emit_rec = rec_remainder | {448'd0, evseq_q};
            lw_raddr = LiveW'(a_slot_q >> 6);
            call = 1'b1; call_ret = tcount_q == 0 ? SComplete : SFlush;  // no level touched: no flush
            state_d = RFree;
          end else begin
            state_d = SFinCancel;
          end
        end else begin
          // Rest at the back of the level read in SFin (its node in n, leaves set): the node,
          // the open quantity and the new tail's links now; the level in SRest5.
          n.visible = (n.display == 0 || n.leaves < n.display) ? n.leaves : n.display;
          w_nd_d = n;
          nd_we = 1'b1; nd_waddr = a_slot_q; nd_wdata = n;
          lv_d = lv_rdata; lv_rqty_d = lv_rdata.count == 0 ? 64'd0 : lv_rdata.qty; lv_rcount_d = lv_rdata.count;
          ps_we = 1'b1; ps_waddr = {ca, ci};
          ps_wdata = fin_fwd_q ? cps_q : ps_rdata;
          ps_wdata.buy = ps_wdata.buy + (a_side_q == 1'b0 ? a_rem_q : 64'd0);
          ps_wdata.sell = ps_wdata.sell + (a_side_q == 1'b1 ? a_rem_q : 64'd0);
          pv_we = 1'b1; pv_waddr = a_slot_q; pv_wdata = {lv_rdata.count != 0, lv_rdata.tail};
          if (lv_rdata.count == 0) begin
            lv_d.price = n.price;
            lv_d.qty = 64'(n.visible);
            lv_d.lsum = 64'(n.leaves);
            bm_raddr = {book_of(ci, a_side_q), lv_idx_q[LvlW-1:6]};
          end else begin
            lv_d.qty = lv_rdata.qty + 64'(n.visible);
            lv_d.lsum = lv_rdata.lsum + 64'(n.leaves);
          end
          if (fin_fwd_q && tcount_q == 1 && out_free) begin
            // A moved modify straight from SModCheck3 (MODIFIED out, its old level the only
            // other touched level, changed): that level's BOOK_LEVEL now, from registers.
            emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
            emit_rec = xb_pkg::ev_book_level(side_code(ol_idx_q[LvlW]), 32'(ol_count_q),
                                               32'(ol_idx_q[LvIdxW-1:LvlW+1]), 64'(ol_price_q), ol_qty_q)
                         | {448'd0, evseq_q};
            ol_sent_d = 1'b1;
          end
          if (fin_fwd_q && tcount_q == 0) begin
            // Straight from the allocation (nothing traded, no other level touched): SRest5's
            // work here as well. The slot's own next link was cleared as it was allocated, so
            // the link write port takes the old tail's; the bitmap word was read with the level.
            append = 1'b1; jn_count = lv_rdata.count; jn_tail = lv_rdata.tail; jn_price = n.price;
            if (out_free) begin
              // the level changed (the order joined it): its BOOK_LEVEL leaves now
              emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
              emit_rec = xb_pkg::ev_book_level(side_code(lv_idx_q[LvlW]), 32'(lv_rdata.count) + 32'd1,
                                                 32'(lv_idx_q[LvIdxW-1:LvlW+1]), 64'(lv_d.price), lv_d.qty)
                           | {448'd0, evseq_q};
              state_d = SComplete;
            end else begin
              state_d = SFlushOne;  // from the stored level when the output frees
            end
          end else begin
            nx_we = 1'b1; nx_waddr = a_slot_q; nx_wdata = '0;
            state_d = SRest5;
          end
        end
      end
      SFinCancel: begin
        // the remainder's CANCELED, once the output is free; then the slot is freed
        lw_raddr = LiveW'(a_slot_q >> 6);
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          emit_rec = rec_remainder | {448'd0, evseq_q};
          call = 1'b1; call_ret = tcount_q == 0 ? SComplete : SFlush;
          state_d = RFree;
        end
      end

      SRest5: begin
        // the order joins the level read in SFin2 (its bitmap word read there too)
        append = 1'b1; jn_count = lv_q.count; jn_tail = lv_q.tail; jn_price = w_nd_q.price;
        if (!(tcount_q == 0 || (tcount_q == 1 && lv_q.stamp == stamp_q) || ol_sent_q)) begin
          // more than one level: the flush, its first touched-list read now (SFlush's)
          tl_raddr = titer_q[LvIdxW-1:0];
          state_d = SFlush3;
        end else if (out_free) begin
          // the only level this command touched (a new order that did not trade, a modify
          // moved within its level), or the second of a moved modify whose first left from
          // registers (ol_sent_q): its BOOK_LEVEL leaves now, from the values being stored
          // (never empty: the order just joined it), if they differ from its before-values
          q = lv_q.stamp == stamp_q ? lv_q.bqty : lv_rqty_q;
          if (lv_q.qty != q || lv_q.count + 1'b1 != (lv_q.stamp == stamp_q ? lv_q.bcount : lv_rcount_q)) begin
            emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
            emit_rec = xb_pkg::ev_book_level(side_code(lv_idx_q[LvlW]), 32'(lv_q.count) + 32'd1,
                                               32'(lv_idx_q[LvIdxW-1:LvlW+1]), 64'(lv_q.price), lv_q.qty)
                         | {448'd0, evseq_q};
            fin_emit = 1'b1;
          end
          finish = 1'b1;
        end else begin
          state_d = SFlushOne;  // the output is full: from the stored level when it frees
        end
      end

      // -------------------------------------------------------------------------------------
      // Modify (rules D4, D1, D2)
      // -------------------------------------------------------------------------------------
      SModCheck: begin
        // The order's level, its bitmap word and the word ahead are read whatever the checks
        // decide (a cancel, an in-place and a moved modify all use that level next), so that
        // the read addresses do not wait for the checks.
        lv_idx_d = level_of(ci, cnd_now.side, 64'(cnd_now.price));
        lv_raddr = level_of(ci, cnd_now.side, 64'(cnd_now.price));
        bm_raddr = {book_of(ci, cnd_now.side), cnd_now.price[LvlW-1:6]};
        bx_raddr = ahead_addr(64'(summ_q[book_of(ci, cnd_now.side)]), level_of(ci, cnd_now.side, 64'(cnd_now.price)));
        if (!inst_known) begin
          reason_d = xb_pkg::RsUnknownInstrument; state_d = SReject;
        end else if (!acct_known) begin
          reason_d = xb_pkg::RsUnknownAccount; state_d = SReject;
        end else if (c_w24[31:0] >= 32'(OrderSlots) || !cnd_now.live || cnd_now.gen != c_w24[63:32] ||
                     cnd_now.inst != ci) begin
          reason_d = xb_pkg::RsUnknownOrder; state_d = SReject;
        end else if (cnd_now.account != ca) begin
          reason_d = xb_pkg::RsNotOwner; state_d = SReject;
        end else if (c_kind == xb_pkg::CmdCancel) begin
          // The order and its links were read when the command was accepted: enter the cancel
          // with them rather than reading them again.
          cr_slot_d = c_w24[SlotW-1:0]; cr_reason_d = xb_pkg::RsCanceledByUser;
          cr_nd_d = cnd_now;
          ul_prev_d = cpv_now; ul_next_d = cnx_now;
          call = 1'b1; call_ret = SFlushOne;   // the cancel touches its order's level only
          state_d = RCancel3;
        end else if ($signed(c_w40) <= 0) begin
          reason_d = xb_pkg::RsInvalidQuantity; state_d = SReject;
        end else if ($signed(c_w40) > $signed(in_maxq_q[ci])) begin
          reason_d = xb_pkg::RsQuantityOverMax; state_d = SReject;
        end else if ($signed(c_w32) <= 0 || $signed(c_w32) > $signed(xb_pkg::MaxPrice)) begin
          reason_d = xb_pkg::RsInvalidPrice; state_d = SReject;
        end else if (c_w32 == 64'(cnd_now.price) && $signed(c_w40) <= $signed(64'(cnd_now.leaves))) begin
          a_slot_d = c_w24[SlotW-1:0];
          state_d = SModInPlace;
        end else if (!trading) begin
          // Rule D2: a new entry of the same order, with the entry checks
          reason_d = xb_pkg::RsNotTrading; state_d = SReject;
        end else if (c_w32 != 64'(cnd_now.price) &&
                     ($signed(c_w32) < $signed(in_blo_q[ci]) || $signed(c_w32) > $signed(in_bhi_q[ci]))) begin
          reason_d = xb_pkg::RsOutOfBand; state_d = SReject;
        end else begin
          // SModCheck3 checks the position limit and the margin and applies, on the old level
          // read now
          a_slot_d = c_w24[SlotW-1:0];
          a_oid_d = c_w24;
          state_d = SModCheck3;
        end
        // the new price's margin per lot, for SModCheck3 (registered: its product follows)
        a_side_d = cnd_now.side;
        // rule R2 for a quantity increase, for SModCheck3
        mod_plim_d = $signed(c_w40) > $signed(64'(cnd_now.leaves)) &&
          (cnd_now.side == 1'b0
            ? $signed(cps_now.pos + cps_now.buy + (c_w40 - 64'(cnd_now.leaves))) > $signed(in_plim_q[ci])
            : $signed(cps_now.pos - cps_now.sell - (c_w40 - 64'(cnd_now.leaves))) < -$signed(in_plim_q[ci]));
        a_perlot_d = co_a_q[book_of(ci, cnd_now.side)] + co_b_q[book_of(ci, cnd_now.side)] * c_w32;
      end
      SModInPlace: begin
        // Rule D1, quantity down at the same price: level, node, reservation and open quantity
        // in one cycle (the account and position as read when the command was taken).
        lv_d = lv_rdata; lv_rqty_d = lv_rdata.count == 0 ? 64'd0 : lv_rdata.qty; lv_rcount_d = lv_rdata.count;
        nv = (cnd_q.visible < c_w40[39:0]) ? cnd_q.visible : c_w40[39:0];
        lv_d.qty = lv_rdata.qty - (64'(cnd_q.visible) - 64'(nv));
        lv_d.lsum = lv_rdata.lsum - (64'(cnd_q.leaves) - c_w40);
        lv_store = 1'b1;
        n = cnd_q;
        n.leaves = c_w40[39:0];
        n.visible = nv;
        nd_we = 1'b1; nd_waddr = a_slot_q; nd_wdata = n;
        ac_we = 1'b1; ac_waddr = ca;
        ac_wdata = cac_q;
        ac_wdata.reserved = cac_q.reserved - (64'(cnd_q.leaves) - c_w40) * 64'(cnd_q.perlot);
        ps_we = 1'b1; ps_waddr = {ca, ci};
        ps_wdata = cps_q;
        ps_wdata.buy = cps_q.buy - (cnd_q.side == 1'b0 ? 64'(cnd_q.leaves) - c_w40 : 64'd0);
        ps_wdata.sell = cps_q.sell - (cnd_q.side == 1'b1 ? 64'(cnd_q.leaves) - c_w40 : 64'd0);
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          emit_rec = rec_modified_kept | {448'd0, evseq_q};
          state_d = SFlushOne;
        end else begin
          state_d = SModInPlace4;  // MODIFIED when the output frees
        end
      end
      SModInPlace4: begin
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          emit_rec = rec_modified_kept | {448'd0, evseq_q};
          state_d = SFlushOne;
        end
      end
      SModCheck3: begin
        // the old level's bitmap word, wanted if the order leaves it empty (RRemoveLevel2, or
        // SFin2 on the direct path); read whatever the checks decide, so that the read address
        // does not wait for the margin products
        bm_raddr = lv_idx_q[LvIdxW-1:6];
        bx_raddr = ahead_addr(64'(summ_q[lv_idx_q[LvIdxW-1:LvlW]]), lv_idx_q);
        old_res = 64'(cnd_q.leaves) * 64'(cnd_q.perlot);
        new_res = c_w40 * a_perlot_q;
        // rule R2 for a quantity increase, computed in SModCheck (mod_plim): checked here, first,
        // so that SModCheck's next state and reads do not wait for its sum (the order of the
        // checks is the same)
        if (mod_plim_q) begin
          reason_d = xb_pkg::RsPositionLimit; state_d = SReject;
        end else if ($signed(new_res) > $signed(old_res) &&
            $signed(new_res - old_res) > $signed(cac_q.credit - cac_q.reserved)) begin
          reason_d = xb_pkg::RsInsufficientMargin; state_d = SReject;
        end else if (cnd_q.post && best_q[book_of(ci, !cnd_q.side)] != 0 &&
                     crosses_at(cnd_q.side, best_q[book_of(ci, !cnd_q.side)], c_w32)) begin
          reason_d = xb_pkg::RsPostOnlyCross; state_d = SReject;
        end else begin
          // Out of the old level (its links were read as the command was taken), stored; its open
          // quantity and reservation released (the walk and SFin take them again at the new
          // price) on the account and position read then, which nothing has written since;
          // the node takes its new price and quantity. An emptied level leaves the bitmap (its
          // word is read now, so the removal starts at its second state).
          lv_d = lv_rdata; lv_rqty_d = lv_rdata.count == 0 ? 64'd0 : lv_rdata.qty; lv_rcount_d = lv_rdata.count;
          lv_d.qty = lv_rdata.qty - 64'(cnd_q.visible);
          lv_d.lsum = lv_rdata.lsum - 64'(cnd_q.leaves);
          unlink = 1'b1; ul_prev = cpv_q; ul_next = cnx_q;
          lv_store = 1'b1;
          ps_we = 1'b1; ps_waddr = {ca, ci};
          ps_wdata = cps_q;
          ps_wdata.buy = cps_q.buy - (cnd_q.side == 1'b0 ? 64'(cnd_q.leaves) : 64'd0);
          ps_wdata.sell = cps_q.sell - (cnd_q.side == 1'b1 ? 64'(cnd_q.leaves) : 64'd0);
          ac_we = 1'b1; ac_waddr = ca;
          ac_wdata = cac_q;
          ac_wdata.reserved = cac_q.reserved + new_res - old_res;
          n = cnd_q;
          n.price = c_w32[31:0]; n.leaves = c_w40[39:0]; n.visible = '0; n.perlot = a_perlot_q[61:0];
          nd_we = 1'b1; nd_waddr = a_slot_q; nd_wdata = n;
          // the order's new price against the opposite best (walk start's check, made now), and
          // the old level's bitmap word and the word ahead (read in SModCheck): the next best,
          // if the old level was the best
          p = best_q[book_of(ci, !cnd_q.side)];
          hit = p != 0 && crosses_at(cnd_q.side, p, c_w32);
          b = book_of(ci, cnd_q.side);
          if (out_free && !hit && level_of(ci, cnd_q.side, c_w32) != lv_idx_q) begin
            // It rests at another level without trading; the old level keeps orders, or leaves
            // the bitmap here with the next best: MODIFIED leaves and the walk starts now
            // (SModEmit's work). The walk start's reads of the node, account and position miss
            // this cycle's writes: SFin2 takes them from w_nd_q, cac_q, cps_q.
            emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
            emit_rec = rec_modified_moved | {448'd0, evseq_q};
            a_limit_d = c_w32; a_rem_d = c_w40; a_stp_d = cnd_q.stp; a_rests_d = 1'b1;
            w_nd_d = n; cac_d = ac_wdata; cps_d = ps_wdata;
            walk_start = 1'b1; mod_fwd = 1'b1;
            ol_idx_d = lv_idx_q; ol_price_d = lv_rdata.price; ol_count_d = lv_rdata.count - 1'b1;
            ol_qty_d = lv_rdata.count == 1 ? 64'd0 : lv_rdata.qty - 64'(cnd_q.visible);
            if (lv_rdata.count == 1) begin
              unmark = 1'b1; um_idx = lv_idx_q;
              if (best_q[b] == 64'(cnd_q.price)) begin
                best_we = 1'b1; best_book = b;
                best_val = nb_lv;
              end
            end
          end else if (lv_rdata.count == 1) begin
            rl_idx_d = lv_idx_q; rl_price_d = 64'(cnd_q.price);
            call = 1'b1; call_ret = SModEmit;
            state_d = RRemoveLevel2;
          end else begin
            state_d = SModEmit;
          end
        end
      end
      SModEmit: begin
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          emit_rec = rec_modified_moved | {448'd0, evseq_q};
          a_limit_d = c_w32; a_rem_d = c_w40; a_stp_d = cnd_q.stp; a_rests_d = 1'b1;
          walk_start = 1'b1;
        end
      end


      // -------------------------------------------------------------------------------------
      // Mass cancel (rule D5): live slots in ascending order.
      // -------------------------------------------------------------------------------------
      SMass: begin
        by_acct = c_b9 == 8'd1 || c_b9 == 8'd2;
        by_inst = c_b9 == 8'd3 || c_b9 == 8'd2;
        if (!by_acct && !by_inst) begin
          reason_d = xb_pkg::RsInvalidParameter; state_d = SReject;
        end else if (by_inst && !inst_known) begin
          reason_d = xb_pkg::RsUnknownInstrument; state_d = SReject;
        end else if (by_acct && !acct_known) begin
          reason_d = xb_pkg::RsUnknownAccount; state_d = SReject;
        end else if (by_acct && by_inst && cps_q.buy == 0 && cps_q.sell == 0) begin
          // the account rests nothing on the instrument (its open quantities, read with the
          // command, are the leaves of its resting orders there): nothing to scan for
          state_d = SFlush;
        end else begin
          sc_word_d = '0; sc_mode_d = ScanMass;
          rc_reason_d = xb_pkg::RsMassCancel;
          state_d = SScanWord;
        end
      end
      // Walk the live slots in ascending order (rule D5) and cancel those the scan's mode selects:
      // a mass cancel's filter, the closing instrument's orders, or orders outside the new window.
      SScanWord: begin
        // the next occupied live word (the live-word summary), or the end of the scan
        if (sc_word_q >= (LiveW+1)'(LiveWords) || !ls_found) begin
          state_d = sc_mode_q == ScanClose ? SRecentre : sc_mode_q == ScanWindow ? SBestBid : SFlush;
        end else begin
          sc_word_d = ls_next;
          lw_raddr = ls_next[LiveW-1:0];
          state_d = SScanBits;
          sc_bits_d = '0;
        end
      end
      SScanBits: begin
        bits = lw_rdata;
        sc_bits_d = bits;
        state_d = SScanNode;
      end
      SScanNode: begin
        if (sc_bits_q == 0) begin
          sc_word_d = sc_word_q + 1'b1;
          state_d = SScanWord;
        end else begin
          sc_slot_d = SlotW'({sc_word_q[LiveW-1:0], sc_pick});
          nd_raddr_m = SlotW'({sc_word_q[LiveW-1:0], sc_pick});
          sc_bits_d = sc_bits_q & (sc_bits_q - 64'd1);
          state_d = SScanAfter;
        end
      end
      SScanAfter: begin
        by_acct = c_b9 == 8'd1 || c_b9 == 8'd2;
        by_inst = c_b9 == 8'd3 || c_b9 == 8'd2;
        unique case (sc_mode_q)
          ScanMass:  hit = (!by_acct || nd_rdata.account == ca) && (!by_inst || nd_rdata.inst == ci);
          ScanClose: hit = nd_rdata.inst == rc_inst_q;
          default:   hit = nd_rdata.inst == rc_inst_q &&
                           ($signed(64'(nd_rdata.price)) < $signed(in_wlo_q[rc_inst_q]) ||
                            $signed(64'(nd_rdata.price)) > $signed(in_whi_q[rc_inst_q]));
        endcase
        if (hit) begin
          affected_d = affected_q + 32'd1;
          cr_slot_d = sc_slot_q; cr_reason_d = rc_reason_q;
          call = 1'b1; call_ret = SScanNode;
          state_d = RCancel;
        end else if (sc_bits_q != 0) begin
          // a miss: the word's next live slot is read now, so each order the scan passes over
          // takes one cycle (SScanNode's work, overlapped with this check)
          sc_slot_d = SlotW'({sc_word_q[LiveW-1:0], sc_pick});
          nd_raddr_m = SlotW'({sc_word_q[LiveW-1:0], sc_pick});
          sc_bits_d = sc_bits_q & (sc_bits_q - 64'd1);
          state_d = SScanAfter;
        end else begin
          sc_word_d = sc_word_q + 1'b1;
          state_d = SScanWord;
        end
      end

      // -------------------------------------------------------------------------------------
      // Configuration (rules I1-I4, A1)
      // -------------------------------------------------------------------------------------
      SSetInst: begin
        fq_inst_d = 1'b1;
        call = 1'b1; call_ret = SSetInst2;
        state_d = RFits;
      end
      SSetInst2: begin
        if (!inst_in_range) begin
          reason_d = xb_pkg::RsUnknownInstrument; state_d = SReject;
        end else if ($signed(c_w24) <= 0 || $signed(c_w24) > $signed(xb_pkg::MaxPrice)) begin
          reason_d = xb_pkg::RsInvalidPrice; state_d = SReject;
        end else if (!(c_b9 == {6'd0, xb_pkg::StTrading} || c_b9 == {6'd0, xb_pkg::StHalted} || c_b9 == {6'd0, xb_pkg::StClosed}) ||
                     c_u12 > xb_pkg::MaxBandBps ||
                     $signed(c_w32) <= 0 || $signed(c_w32) > $signed(xb_pkg::MaxQuantity) ||
                     $signed(c_w40) < 0 || $signed(c_w40) > $signed(xb_pkg::MaxQuantity) || !fq_ok_q) begin
          reason_d = xb_pkg::RsInvalidParameter; state_d = SReject;
        end else begin
          inst_set = 1'b1;
          rc_inst_d = ci; rc_ref_d = c_w24;
          if (c_b9 == {6'd0, xb_pkg::StClosed}) begin
            sc_word_d = '0; sc_mode_d = ScanClose;
            rc_reason_d = xb_pkg::RsInstrumentClosed;
            state_d = SScanWord;
          end else begin
            state_d = SRecentre;
          end
        end
      end
      SSetRef: begin
        if (!inst_known) begin
          reason_d = xb_pkg::RsUnknownInstrument; state_d = SReject;
        end else if ($signed(c_w24) <= 0 || $signed(c_w24) > $signed(xb_pkg::MaxPrice)) begin
          reason_d = xb_pkg::RsInvalidPrice; state_d = SReject;
        end else begin
          rc_inst_d = ci; rc_ref_d = c_w24;
          state_d = SRecentre;
        end
      end

      // Rule I3: band width = floor(ref x bps / 10000). The product is below 2^46 (a price below
      // 2^32, bps at most 10000), and for every x below 2^48, floor(x / 10000) is
      // (x * DivM) >> 62 (DivM = ceil(2^62 / 10000), 49 bits: Granlund and Montgomery, as
      // DivM * 10000 - 2^62 = 2096 <= 2^14). One multiply by a constant, one cycle, instead of
      // a restoring division of a bit per cycle (48 cycles).
      SRecentre: begin
        dv_num_d = rc_ref_q * 64'(in_bps_q[rc_inst_q]);
        state_d = SDiv;
      end
      SDiv: begin
        dv_prod = {49'd0, dv_num_q[47:0]} * {48'd0, DivM};
        dv_quo_d = 64'(dv_prod[96:62]);
        state_d = SRecentre2;
      end
      SRecentre2: begin
        lo = rc_ref_q - HalfWindow;
        hi = rc_ref_q + HalfWindow - 64'd1;
        blo = ($signed(rc_ref_q - dv_quo_q) > 1) ? rc_ref_q - dv_quo_q : 64'd1;
        if ($signed(lo) > $signed(blo)) blo = lo;
        bhi = ($signed(rc_ref_q + dv_quo_q) < $signed(xb_pkg::MaxPrice)) ? rc_ref_q + dv_quo_q : xb_pkg::MaxPrice;
        if ($signed(hi) < $signed(bhi)) bhi = hi;
        window_set = 1'b1;
        sc_word_d = '0; sc_mode_d = ScanWindow;
        rc_reason_d = xb_pkg::RsOutOfWindow;
        // Every resting order lies inside the old window, so only the prices it loses can hold
        // orders to cancel: below the new low end when the window moves up, above the new high
        // end when it moves down. When no bitmap word of either book that covers those slots is
        // occupied (the books' summaries), no order leaves, the bests stay, and the scan and
        // the best-price searches are skipped.
        rc_old_lo = in_wlo_q[rc_inst_q];
        rc_up = $signed(lo) > $signed(rc_old_lo);
        rc_shift = rc_up ? lo - rc_old_lo : rc_old_lo - lo;
        rc_first = LvlW'(rc_up ? rc_old_lo : hi + 64'd1);
        rc_last = LvlW'(rc_up ? lo - 64'd1 : in_whi_q[rc_inst_q]);
        rc_fw = 6'(rc_first >> 6);
        rc_lw = 6'(rc_last >> 6);
        // (the slots go round the book when the first is above the last, even within one word)
        rc_words = rc_first <= rc_last ? ge_mask(rc_fw) & le_mask(rc_lw) : ge_mask(rc_fw) | le_mask(rc_lw);
        if (rc_shift == 0 ||
            (rc_shift < 64'(LevelsPerSide) &&
             (64'(summ_q[book_of(rc_inst_q, 1'b0)]) & rc_words) == 0 &&
             (64'(summ_q[book_of(rc_inst_q, 1'b1)]) & rc_words) == 0)) begin
          state_d = SFlush;
        end else begin
          state_d = SScanWord;
        end
      end
      SBestBid: begin
        sr_book_d = book_of(rc_inst_q, 1'b0); sr_up_d = 1'b0; sr_check_d = 1'b0;
        sr_from_d = in_whi_q[rc_inst_q][LvlW-1:0];
        call = 1'b1; call_ret = SBestAsk;
        state_d = RSearch2;
      end
      SBestAsk: begin
        best_we = 1'b1; best_book = book_of(rc_inst_q, 1'b0); best_val = sr_result_q;
        sr_book_d = book_of(rc_inst_q, 1'b1); sr_up_d = 1'b1; sr_check_d = 1'b0;
        sr_from_d = in_wlo_q[rc_inst_q][LvlW-1:0];
        call = 1'b1; call_ret = SBestDone;
        state_d = RSearch2;
      end
      SBestDone: begin
        best_we = 1'b1; best_book = book_of(rc_inst_q, 1'b1); best_val = sr_result_q;
        state_d = SFlush;
      end

      SSetMargin: begin
        fq_inst_d = 1'b0;
        call = 1'b1; call_ret = SSetMargin2;
        state_d = RFits;
      end
      SSetMargin2: begin
        if (!inst_known) begin
          reason_d = xb_pkg::RsUnknownInstrument; state_d = SReject;
        end else if (!fq_ok_q) begin
          reason_d = xb_pkg::RsInvalidParameter; state_d = SReject;
        end else begin
          margin_set = 1'b1;
          state_d = SFlush;
        end
      end

      SSetAccount: begin
        if (!acct_in_range) begin
          reason_d = xb_pkg::RsUnknownAccount; state_d = SReject;
        end else if ($signed(c_w24) < -$signed(xb_pkg::MaxCollateral) || $signed(c_w24) > $signed(xb_pkg::MaxCollateral)) begin
          reason_d = xb_pkg::RsInvalidParameter; state_d = SReject;
        end else begin
          ac_we = 1'b1; ac_waddr = ca;
          ac_wdata = {1'b1, c_w24, cac_q.reserved};
          state_d = SFlush;
        end
      end

      // -------------------------------------------------------------------------------------
      // Results
      // -------------------------------------------------------------------------------------
      SReject: begin
        // REJECTED now; its COMPLETE goes to the pending register and the next command is taken
        // in this cycle (a reject takes 2 cycles, the two records it sends)
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1;
          emit_rec = rec_rejected | {448'd0, evseq_q};
          fin_emit = 1'b1;
          finish = 1'b1;
        end
      end

      // Rule E2: one BOOK_LEVEL per changed level, in first-touch order (titer_q starts at 0
      // with the command): read the touched list, then the level, then emit; COMPLETE follows
      // the last level directly.
      SFlush: begin
        if (titer_q == tcount_q) begin
          state_d = SComplete;
        end else begin
          tl_raddr = titer_q[LvIdxW-1:0];
          state_d = SFlush3;
        end
      end
      SFlush3: begin
        // the first level's read, and the touched list's next entry (RFlushLevel's pipeline)
        lv_idx_d = tl_rdata;
        lv_raddr = tl_rdata;
        titer_d = titer_q + 1'b1;
        tl_raddr = LvIdxW'(titer_q + 1'b1);
        call = 1'b1; call_ret = SComplete;
        state_d = RFlushLevel;
      end

      // The command stored one level, which lv_q still holds as stored (its before-values
      // included): its BOOK_LEVEL without reading the touched list and the level back.
      SFlushOne: begin
        if (!lv_changed) begin
          if (cpend_q) state_d = SComplete; else finish = 1'b1;
        end else if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          emit_rec = rec_book_level | {448'd0, evseq_q};
          fin_emit = 1'b1;
          finish = 1'b1;
        end
      end

      SComplete: begin
        // the next command, when there is one, is taken in the same cycle
        if (out_free) begin
          emit = 1'b1; evseq_d = evseq_q + 1;
          emit_rec = rec_complete | {448'd0, evseq_q};
          state_d = SIdle;
          take = 1'b1;
        end
      end

      // =====================================================================================
      // Subroutines
      // =====================================================================================

      // RSearch: next occupied price beyond sr_price_q in book sr_book_q (sr_up_q: upward),
      // inside the instrument's window, or 0. RSearch2: first occupied slot circularly from
      // sr_from_q (inclusive); with sr_check_q clear, no direction check (best-price search).
      RSearch: begin
        inst = sr_book_q[BookW-1:1];
        beyond = sr_up_q ? sr_price_q + 64'd1 : sr_price_q - 64'd1;
        if ($signed(beyond) < $signed(in_wlo_q[inst]) || $signed(beyond) > $signed(in_whi_q[inst])) begin
          sr_result_d = '0;
          sp_d = sp_q - 1'b1; state_d = ret_top;
        end else begin
          sr_from_d = beyond[LvlW-1:0];
          state_d = RSearch2;
        end
      end
      RSearch2: begin
        bm_raddr = {sr_book_q, WordW'(sr_from_q >> 6)};
        state_d = RSearch3;
      end
      RSearch3: begin
        if (sr_masked != 0) begin
          lv_raddr = {sr_book_q, sr_word, sr_masked_pick};
          state_d = RSearchLevel2;
        end else if (sr_beyond != 0) begin
          bm_raddr = {sr_book_q, sr_beyond_pick};
          sr_from_d = LvlW'({sr_beyond_pick, 6'd0});
          state_d = RSearchLevel;
        end else if (sr_summary != 0) begin
          bm_raddr = {sr_book_q, sr_summary_pick};
          sr_from_d = LvlW'({sr_summary_pick, 6'd0});
          state_d = RSearchLevel;
        end else begin
          sr_result_d = '0;
          sp_d = sp_q - 1'b1; state_d = ret_top;
        end
      end
      RSearchLevel: begin
        // a whole word was chosen: its lowest (upward) or highest (downward) bit
        lv_raddr = {sr_book_q, sr_word, sr_word_pick};
        state_d = RSearchLevel2;
      end
      RSearchLevel2: begin
        hit = !sr_check_q || past(lv_rdata.price, sr_price_q[31:0], sr_up_q);
        sr_result_d = hit ? 64'(lv_rdata.price) : '0;
        sp_d = sp_q - 1'b1; state_d = ret_top;
      end

      // RRemoveLevel: clear level rl_idx_q's bit; if it was the best, find the next best.
      RRemoveLevel: begin
        bm_raddr = rl_idx_q[LvIdxW-1:6];
        bx_raddr = ahead_addr(64'(summ_q[rl_idx_q[LvIdxW-1:LvlW]]), rl_idx_q);
        state_d = RRemoveLevel2;
      end
      RRemoveLevel2: begin
        b = rl_idx_q[LvIdxW-1:LvlW];
        unmark = 1'b1; um_idx = rl_idx_q;
        // the next best, if it was the best: from the level's word and the word read ahead
        if (best_q[b] == rl_price_q) begin
          best_we = 1'b1; best_book = b;
          best_val = nb_rl;
        end
        sp_d = sp_q - 1'b1; state_d = ret_top;
      end

      // RStoreLevel: write lv_q back; the first store of a level in a command records its
      // before-values and appends it to the touched list.
      RStoreLevel: begin
        lv_store = 1'b1;
        sp_d = sp_q - 1'b1; state_d = ret_top;
      end

      // RFlushLevel: (flush) level lv_idx_q, read the cycle before: BOOK_LEVEL if it changed;
      // then the next touched level, one a cycle, until the list ends (titer_q == tcount_q).
      RFlushLevel: begin
        // One level a cycle: the level read the cycle before is emitted while the next entry's
        // level is read (its index arrived from the touched list) and the entry after it.
        q = lv_rdata.count == 0 ? 64'd0 : lv_rdata.qty;
        if ((q == lv_rdata.bqty && lv_rdata.count == lv_rdata.bcount) || out_free) begin
          if (!(q == lv_rdata.bqty && lv_rdata.count == lv_rdata.bcount)) begin
            emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
            emit_rec = rec_book_level | {448'd0, evseq_q};
            fin_emit = 1'b1;
          end
          if (titer_q == tcount_q) begin
            // the last touched level: the command completes (the flush returns to SComplete)
            sp_d = sp_q - 1'b1;
            if (cpend_q) state_d = ret_top; else finish = 1'b1;
          end else begin
            lv_idx_d = tl_rdata;
            lv_raddr = tl_rdata;
            titer_d = titer_q + 1'b1;
            tl_raddr = LvIdxW'(titer_q + 1'b1);
          end
        end else begin
          // egress is full: hold both reads
          lv_raddr = lv_idx_q;
          tl_raddr = titer_q[LvIdxW-1:0];
        end
      end

      // RFits: rule U1 over the operands fq_* select, into fq_ok_q.
      RFits: begin
        fq_bad_d = 1'b0;
        for (int k = 0; k < 2; k++) begin
          fq_pl_d[k] = fq_a[k] + fq_b[k] * xb_pkg::MaxPrice;
          if ($signed(fq_a[k]) < 0 || $signed(fq_b[k]) < 0 || $signed(fq_a[k]) >= $signed(xb_pkg::MaxCollateral) ||
              $signed(fq_b[k]) > 64'sd1073741824) begin
            fq_bad_d = 1'b1;
          end
        end
        state_d = RFits2;
      end
      RFits2: begin
        for (int k = 0; k < 2; k++) fq_pr_d[k] = {64'd0, fq_maxq} * {64'd0, fq_pl_q[k]};
        state_d = RFits3;
      end
      RFits3: begin
        fq_ok_d = !fq_bad_q;
        for (int k = 0; k < 2; k++) begin
          if (fq_pl_q[k] != 0 && fq_pr_q[k] >= {64'd0, xb_pkg::MaxCollateral}) fq_ok_d = 1'b0;
        end
        sp_d = sp_q - 1'b1; state_d = ret_top;
      end

      // RFree: return slot fr_slot_q (node fr_nd_q) to the LIFO free list; the caller read the
      // slot's live word in the cycle before.
      RFree: begin
        free = 1'b1; free_slot = fr_slot_q; free_nd = fr_nd_q;
        sp_d = sp_q - 1'b1; state_d = ret_top;
        // an aggressor that touched no level (an IOC or FOK remainder canceled, nothing traded)
        // completes here: the next command is taken as the slot is freed (its node forwarded)
        if (ret_top == SComplete && !cpend_q) finish = 1'b1;
      end

      // RCancel: cancel resting order cr_slot_q with reason cr_reason_q (docs/semantics.md D3).
      RCancel: begin
        nd_raddr_m = cr_slot_q;
        state_d = RCancel2;
      end
      RCancel2: begin
        cr_nd_d = nd_rdata;
        ul_prev_d = pv_rdata; ul_next_d = nx_rdata;
        lv_idx_d = {nd_rdata.inst, nd_rdata.side, nd_rdata.price[LvlW-1:0]};
        lv_raddr = {nd_rdata.inst, nd_rdata.side, nd_rdata.price[LvlW-1:0]};
        state_d = RCancel3;
      end
      RCancel3: begin
        lv_d = lv_rdata; lv_rqty_d = lv_rdata.count == 0 ? 64'd0 : lv_rdata.qty; lv_rcount_d = lv_rdata.count;
        lv_d.qty = lv_rdata.qty - 64'(cr_nd_q.visible);
        lv_d.lsum = lv_rdata.lsum - 64'(cr_nd_q.leaves);
        unlink = 1'b1; ul_prev = ul_prev_q; ul_next = ul_next_q;
        lv_store = 1'b1;
        // CANCELED leaves with the level's store when the output is free (else RCancel4 waits
        // for it), and RCancel6's reads are made: the level's bitmap word, the owner's position
        // and account, and the slot's live word
        bm_raddr = lv_idx_q[LvIdxW-1:6];
        bx_raddr = ahead_addr(64'(summ_q[lv_idx_q[LvIdxW-1:LvlW]]), lv_idx_q);
        ps_raddr_m = {cr_nd_q.account, cr_nd_q.inst};
        ac_raddr_m = cr_nd_q.account;
        lw_raddr = LiveW'(cr_slot_q >> 6);
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          emit_rec = rec_canceled | {448'd0, evseq_q};
          state_d = RCancel6;
        end else begin
          state_d = RCancel4;
        end
      end
      RCancel4: begin
        // the output was full in RCancel3: CANCELED leaves when it frees; RCancel6's reads again
        bm_raddr = lv_idx_q[LvIdxW-1:6];
        bx_raddr = ahead_addr(64'(summ_q[lv_idx_q[LvIdxW-1:LvlW]]), lv_idx_q);
        ps_raddr_m = {cr_nd_q.account, cr_nd_q.inst};
        ac_raddr_m = cr_nd_q.account;
        lw_raddr = LiveW'(cr_slot_q >> 6);
        if (out_free) begin
          emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
          emit_rec = rec_canceled | {448'd0, evseq_q};
          state_d = RCancel6;
        end
      end
      RCancel6: begin
        // The releases: open quantity, reservation, the slot. A level the order left empty
        // leaves the bitmap (RRemoveLevel2's work); if it was the best, the next best follows
        // from its word and the word read ahead (next_best).
        ps_we = 1'b1; ps_waddr = {cr_nd_q.account, cr_nd_q.inst};
        ps_wdata = ps_rdata;
        ps_wdata.buy = ps_rdata.buy - (cr_nd_q.side == 1'b0 ? 64'(cr_nd_q.leaves) : 64'd0);
        ps_wdata.sell = ps_rdata.sell - (cr_nd_q.side == 1'b1 ? 64'(cr_nd_q.leaves) : 64'd0);
        ac_we = 1'b1; ac_waddr = cr_nd_q.account;
        ac_wdata = ac_rdata;
        ac_wdata.reserved = ac_rdata.reserved - 64'(cr_nd_q.leaves) * 64'(cr_nd_q.perlot);
        n = cr_nd_q;
        n.leaves = '0; n.visible = '0;
        free = 1'b1; free_slot = cr_slot_q; free_nd = n;
        b = lv_idx_q[LvIdxW-1:LvlW];
        unmark = lv_q.count == 0; um_idx = lv_idx_q;
        sp_d = sp_q - 1'b1; state_d = ret_top;
        if (lv_q.count == 0 && best_q[b] == 64'(cr_nd_q.price)) begin
          best_we = 1'b1; best_book = b;
          best_val = nb_lv;
        end
        // A cancel by order id (it returns to SFlushOne) touched its level only, which lv_q
        // holds as stored: its BOOK_LEVEL leaves now when the output is free (SFlushOne's work).
        if (state_d == SFlushOne && out_free) begin
          if (lv_changed) begin
            emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
            emit_rec = rec_book_level | {448'd0, evseq_q};
          end
          state_d = SComplete;
        end
      end

      default: state_d = SIdle;
    endcase

    if (fk_read) begin
      lv_raddr = level_of(ci, !a_side_q, fk_price);
      bm_raddr = {book_of(ci, !a_side_q), fk_price[LvlW-1:6]};
      bx_raddr = ahead_addr(nw_summary, level_of(ci, !a_side_q, fk_price));
      nd_raddr_m = a_slot_q;
      lw_raddr = LiveW'(a_slot_q >> 6);
    end
    if (fok_ok) begin
      // the fill-or-kill count found its quantity: the slot now (rule C1), or BOOK_FULL
      if (slot_free) begin
        a_slot_d = slot_next;
        nd_raddr_m = slot_next;
        lw_raddr = LiveW'(slot_next >> 6);
        state_d = SNoAlloc2;
      end else begin
        reason_d = xb_pkg::RsBookFull; state_d = SReject;
      end
    end
    if (fok_take) begin
      if (slot_free) begin
        alloc = 1'b1;
        if (out_free) begin
          accept = 1'b1; walk_held = 1'b1;
        end else begin
          state_d = SNoAccept;
        end
      end else begin
        reason_d = xb_pkg::RsBookFull; state_d = SReject;
      end
    end
    if (accept) begin
      emit = 1'b1; evcount_d = evcount_q + 1; evseq_d = evseq_q + 1;
      emit_rec = rec_accepted | {448'd0, evseq_q};
      a_rem_d = c_w32; a_stp_d = c_b13[1:0]; a_rests_d = c_b11 == 8'd1;
      walk_start = 1'b1;
    end
    if (walk_start) begin
      // The aggressor (a_*_d) enters the matching walk when the opposite best crosses its limit
      // (SMLevel's check, with the level read now), else goes straight to SFin2 (nothing traded).
      tk_res_d = '0; tk_pos_d = '0; tk_open_d = '0; tk_any_d = 1'b0; a_stopped_d = 1'b0;
      p = best_q[book_of(ci, !a_side_q)];
      if (p != 0 && crosses_at(a_side_q, p, a_limit_d)) begin
        w_price_d = p;
        call = 1'b1; call_ret = SFin;
        if (walk_held) begin
          // SMLevel2's work on the level held (lv_d: loaded in this cycle when the count ends at
          // its first level): its head order, bitmap word and the word ahead
          lv_rqty_d = lv_d.count == 0 ? 64'd0 : lv_d.qty; lv_rcount_d = lv_d.count;
          w_s_d = {1'b1, lv_d.head};
          nd_raddr_m = lv_d.head;
          bm_raddr = lv_idx_d[LvIdxW-1:6];
          bx_raddr = ahead_addr(nw_summary, lv_idx_d);
          state_d = SMNode2;
        end else begin
          lv_idx_d = level_of(ci, !a_side_q, p);
          lv_raddr = level_of(ci, !a_side_q, p);
          state_d = SMLevel2;
        end
      end else begin
        fin_reads = 1'b1;
        fin_fwd_d = alloc || mod_fwd;  // reads issued with the order's own writes miss them
        state_d = SFin2;
      end
    end
    if (call) begin
      ret_d[sp_q] = call_ret;
      sp_d = sp_q + 1'b1;
    end
    if (alloc) begin
      if (free_valid_q && a_slot_q == free_head_q) begin
        free_head_d = nx_rdata.slot;
        free_valid_d = nx_rdata.valid;
      end else begin
        high_water_d = high_water_q + 1'b1;
      end
      g = alloc_gen;
      n = '0;
      n.live = 1'b1; n.gen = g; n.account = ca; n.inst = ci; n.side = a_side_q;
      n.stp = c_b13[1:0]; n.post = c_b12[0]; n.price = a_limit_q[31:0]; n.leaves = c_w32[39:0];
      n.visible = '0; n.display = c_w40[39:0]; n.perlot = a_perlot_q[61:0];
      nd_we = 1'b1; nd_waddr = a_slot_q; nd_wdata = n;
      w_nd_d = n;
      // its next link held the free list's; cleared (SFin2 may link it as a tail directly)
      nx_we = 1'b1; nx_waddr = a_slot_q; nx_wdata = '0;
      a_oid_d = oid_of(a_slot_q, g);
      lw_we = 1'b1; lw_waddr = LiveW'(a_slot_q >> 6);
      lw_wdata = lw_rdata | (64'd1 << a_slot_q[5:0]);
      lsum_we = 1'b1; lsum_word = LiveW'(a_slot_q >> 6); lsum_val = 1'b1;
      ac_we = 1'b1; ac_waddr = ca;
      ac_wdata = cac_q;
      ac_wdata.reserved = cac_q.reserved + c_w32 * a_perlot_q;
      cac_d = ac_wdata;
    end
    if (free) begin
      n = free_nd;
      n.live = 1'b0;
      nd_we = 1'b1; nd_waddr = free_slot; nd_wdata = n;
      nx_we = 1'b1; nx_waddr = free_slot; nx_wdata = {free_valid_q, free_head_q};
      free_head_d = free_slot; free_valid_d = 1'b1;
      lw_we = 1'b1; lw_waddr = LiveW'(free_slot >> 6);
      lw_wdata = lw_rdata & ~(64'd1 << free_slot[5:0]);
      lsum_we = 1'b1; lsum_word = LiveW'(free_slot >> 6); lsum_val = lw_wdata != 0;
    end
    if (fin_reads) begin
      nd_raddr_m = a_slot_q;
      lv_idx_d = level_of(ci, a_side_q, a_limit_d);
      lv_raddr = level_of(ci, a_side_q, a_limit_d);
      ac_raddr_m = ca;
      ps_raddr_m = {ca, ci};
    end
    if (rf_pend_q) begin
      // the second half of an iceberg refresh (no state after SMTrade writes the link RAMs)
      pv_we = 1'b1; pv_waddr = rf_slot_q; pv_wdata = rf_prev_q;
      nx_we = 1'b1; nx_waddr = rf_slot_q; nx_wdata = '0;
    end
    if (unlink) begin
      if (!ul_prev.valid) begin
        lv_d.head = ul_next.slot;
      end else begin
        nx_we = 1'b1; nx_waddr = ul_prev.slot; nx_wdata = ul_next;
      end
      if (!ul_next.valid) begin
        lv_d.tail = ul_prev.slot;
      end else begin
        pv_we = 1'b1; pv_waddr = ul_next.slot; pv_wdata = ul_prev;
      end
      lv_d.count = lv_d.count - 1'b1;
    end
    if (unmark) begin
      word = bm_rdata & ~(64'd1 << um_idx[5:0]);
      bm_we = 1'b1; bm_waddr = um_idx[LvIdxW-1:6]; bm_wdata = word;
      if (word == 0) begin
        summ_we = 1'b1; summ_book = um_idx[LvIdxW-1:LvlW]; summ_word = um_idx[LvlW-1:6]; summ_val = 1'b0;
      end
    end
    if (append) begin
      if (jn_count != 0) begin
        nx_we = 1'b1; nx_waddr = jn_tail; nx_wdata = {1'b1, a_slot_q};
      end else begin
        lv_d.head = a_slot_q;
        b = book_of(ci, a_side_q);
        bm_we = 1'b1; bm_waddr = {b, lv_idx_q[LvlW-1:6]};
        bm_wdata = bm_rdata | (64'd1 << lv_idx_q[5:0]);
        summ_we = 1'b1; summ_book = b; summ_word = lv_idx_q[LvlW-1:6]; summ_val = 1'b1;
        if (best_q[b] == 0 || (a_side_q == 1'b0 ? jn_price > best_q[b][31:0] : jn_price < best_q[b][31:0])) begin
          best_we = 1'b1; best_book = b; best_val = 64'(jn_price);
        end
      end
      lv_d.tail = a_slot_q;
      lv_d.count = jn_count + 1'b1;
      lv_store = 1'b1;
    end
    // The first store of a level in a command records its before-values and appends it to the
    // touched list (rule E2's flush replays that list).
    if (lv_store) begin
      l = lv_d;
      if (l.stamp != stamp_q) begin
        l.stamp = stamp_q; l.bqty = lv_rqty_d; l.bcount = lv_rcount_d;  // _d: a state may load and store a level at once
        tl_we = 1'b1; tl_waddr = tcount_q[LvIdxW-1:0]; tl_wdata = lv_idx_q;
        tcount_d = tcount_q + 1'b1;
      end
      lv_d = l;
      lv_we = 1'b1; lv_waddr = lv_idx_q; lv_wdata = l;
    end
    if (walk_enter) begin
      best_we = 1'b1; best_book = walk_idx[LvIdxW-1:LvlW]; best_val = 64'(lv_rdata.price);
      w_price_d = 64'(lv_rdata.price);
      lv_d = lv_rdata; lv_idx_d = walk_idx; lv_rqty_d = lv_rdata.qty; lv_rcount_d = lv_rdata.count;
      w_s_d = {1'b1, lv_rdata.head};
      nd_raddr_m = lv_rdata.head;
      bm_raddr = walk_idx[LvIdxW-1:6];
      bx_raddr = ahead_addr(nw_summary, walk_idx);
      state_d = SMNode2;
    end
    // Last, so that a command taken here starts from clean per-command state (the store and
    // append requests above still count the finishing command's touched levels).
    if (cpend_q && !sk_valid_q) begin
      // the pending COMPLETE leaves first (out_free held every other record back)
      emit = 1'b1;
      emit_rec = cpend_rec_q | {224'd0, 32'(cycle_q - cpend_start_q + 64'd1), 256'd0};
      cpend_d = 1'b0;
    end
    if (finish) begin
      cpend_d = 1'b1;  // its record: cpend_rec_q, in the sequential block
      evseq_d = evseq_q + 64'(fin_emit) + 64'd1;
      state_d = SIdle;
      take = 1'b1;
    end
  end

  // ---------------------------------------------------------------------------------------
  // Taking a command
  // ---------------------------------------------------------------------------------------
  // The only logic that reads the command port. The state machine above says when a command may
  // be taken (take, in SIdle or as the previous command's COMPLETE is decided); here the taken
  // command's order node, account and position are read for its first state, and the per-command
  // registers start (cmd_fire, in the sequential blocks). Kept apart so that the state machine's
  // logic depends on registers and memory outputs only: no path from the port through it, and a
  // simulator evaluates it once per clock instead of again whenever the port's inputs change.
  assign cmd_fire = cmd_valid_i && cmd_ready_o;
  always_comb begin
    nd_raddr = take ? cmd_data_i[8*24 +: SlotW] : nd_raddr_m;
    ac_raddr = take ? cmd_data_i[8*16 +: AcctW] : ac_raddr_m;
    ps_raddr = take ? {cmd_data_i[8*16 +: AcctW], cmd_data_i[8*20 +: InstW]} : ps_raddr_m;
    // new orders, modifies and cancels go straight to their checks (SDispatch's work done
    // here); the other kinds through SDispatch
    take_oid = '0;
    case (cmd_data_i[8*8 +: 8])
      xb_pkg::CmdNewOrder: take_state = SNoCheck;
      xb_pkg::CmdModify, xb_pkg::CmdCancel: begin
        take_oid = cmd_data_i[8*24 +: 64];
        take_state = SModCheck;
      end
      default: take_state = SDispatch;
    endcase
  end

  // ---------------------------------------------------------------------------------------
  // Egress
  // ---------------------------------------------------------------------------------------
  // The event register drives the port; a skid register behind it takes a record emitted while
  // the port holds the register's. The engine emits only when the skid register is empty
  // (out_free), so none of its decisions waits on the port's ready: a stalled port leaves the
  // engine one record of slack before it waits, and with the port ready every record leaves the
  // cycle after it is emitted, as with a single register.
  wire evt_pop = evt_valid_q && evt_ready_i;
  always_ff @(posedge clk_i) begin
    if (rst_i) begin
      evt_valid_q <= 1'b0;
      sk_valid_q  <= 1'b0;
    end else if (!evt_valid_q || evt_pop) begin
      evt_valid_q <= sk_valid_q || emit;   // the oldest record first
      sk_valid_q  <= 1'b0;
    end else begin
      sk_valid_q  <= sk_valid_q || emit;
    end
    if ((!evt_valid_q || evt_pop) && (sk_valid_q || emit)) evt_data_q <= sk_valid_q ? sk_data_q : emit_rec;
    else if (emit) sk_data_q <= emit_rec;
  end

  // ---------------------------------------------------------------------------------------
  // Instrument and book registers
  // ---------------------------------------------------------------------------------------
  always_ff @(posedge clk_i) begin
    if (rst_i) begin
      for (int i = 0; i < Instruments; i++) begin
        in_status_q[i] <= xb_pkg::StUnconfigured;
        in_tid_q[i]    <= '0;
        in_bps_q[i]    <= '0;
        in_blo_q[i]    <= '0;
        in_bhi_q[i]    <= '0;
        in_wlo_q[i]    <= '0;
        in_whi_q[i]    <= '0;
        in_maxq_q[i]   <= '0;
        in_plim_q[i]   <= '0;
      end
      for (int k = 0; k < Books; k++) begin
        best_q[k] <= '0;
        summ_q[k] <= '0;
      end
      for (int k = 0; k < LsGroups; k++) begin
        lsum_q[k] <= '0;
        co_a_q[k] <= '0;
        co_b_q[k] <= '0;
      end
    end else begin
      if (inst_set) begin
        in_status_q[ci] <= c_b9[1:0];
        in_bps_q[ci]    <= c_u12;
        in_maxq_q[ci]   <= c_w32;
        in_plim_q[ci]   <= c_w40;
      end
      if (window_set) begin
        in_wlo_q[rc_inst_q] <= lo;
        in_whi_q[rc_inst_q] <= hi;
        in_blo_q[rc_inst_q] <= blo;
        in_bhi_q[rc_inst_q] <= bhi;
      end
      if (margin_set) begin
        co_a_q[book_of(ci, 1'b0)] <= c_w24; co_b_q[book_of(ci, 1'b0)] <= c_w32;
        co_a_q[book_of(ci, 1'b1)] <= c_w40; co_b_q[book_of(ci, 1'b1)] <= c_w48;
      end
      if (tid_inc) in_tid_q[ci] <= in_tid_q[ci] + 64'd1;
      if (best_we) best_q[best_book] <= best_val;
      if (summ_we) summ_q[summ_book][summ_word] <= summ_val;
      if (lsum_we) lsum_q[ls_group(6'(64'(lsum_word) >> 6))][6'(lsum_word)] <= lsum_val;
    end
  end

`ifndef SYNTHESIS
  // The simulator's shift forms of the masks equal synthesis's per-bit comparisons.
  initial begin
    logic [63:0] ge, le, one;
    for (int pos = 0; pos < 64; pos++) begin
      ge = ge_mask(6'(pos)); le = le_mask(6'(pos)); one = bit64(6'(pos));
      for (int i = 0; i < 64; i++) begin
        assert (ge[i] == (i >= pos) && le[i] == (i <= pos) && one[i] == (i == pos))
          else $error("xb_engine: mask functions differ at position %0d bit %0d", pos, i);
      end
    end
  end

  // Invariants: the return stack never overflows; an event is never lost under back-pressure.
  always_ff @(posedge clk_i) begin
    if (!rst_i) begin
      assert (!(sp_q == 3'd7 && sp_d == 3'd0))
        else $error("xb_engine: return stack overflow in state %0d", state_q);
      assert (!(emit && sk_valid_q))
        else $error("xb_engine: event emitted with the skid register full");
      // the bitmap marks exactly the non-empty levels, so a level a search finds holds orders
      assert (!(state_q == RSearchLevel2 && lv_rdata.count == 0))
        else $error("xb_engine: search found an empty level");
      // the ahead copy's word is the next non-empty word beyond the walked level's (SMNode2)
      // (each checked inside its state's condition, so that a simulator computes its encoders
      // only there)
      if (state_q == SMNode2) begin
        assert (!((nw_summary & ~bit64(6'(lv_idx_q[LvlW-1:6]))) != 0 &&
                  (bx_addr_q != {book_of(ci, !a_side_q), nw_pick} || bx_rdata == 0)))
          else $error("xb_engine: the walk's next word is not the one read ahead");
      end
      // a removed level's next best reads the word ahead of it (next_best): the one read
      if (state_q == RCancel6 || state_q == SModCheck3) begin
        assert (!((summ_q[lv_idx_q[LvIdxW-1:LvlW]] & ~(WordsPerBook'(1) << lv_idx_q[LvlW-1:6])) != 0 &&
                  (bx_addr_q != ahead_addr(64'(summ_q[lv_idx_q[LvIdxW-1:LvlW]]), lv_idx_q) || bx_rdata == 0)))
          else $error("xb_engine: the next best's word ahead is not the one read");
      end
      if (state_q == RRemoveLevel2) begin
        assert (!((summ_q[rl_idx_q[LvIdxW-1:LvlW]] & ~(WordsPerBook'(1) << rl_idx_q[LvlW-1:6])) != 0 &&
                  (bx_addr_q != ahead_addr(64'(summ_q[rl_idx_q[LvIdxW-1:LvlW]]), rl_idx_q) || bx_rdata == 0)))
          else $error("xb_engine: the next best's word ahead is not the one read");
      end
      // the band's width by the reciprocal is the quotient: q * 10000 <= x < (q + 1) * 10000
      if (state_q == SRecentre2) begin
        assert (dv_num_q < 64'd1 << 46 && dv_quo_q * 64'd10000 <= dv_num_q && dv_num_q - dv_quo_q * 64'd10000 < 64'd10000)
          else $error("xb_engine: band width %0d is not %0d / 10000", dv_quo_q, dv_num_q);
      end
      // a stored level's lsum is its orders' leaves: zero exactly when it is empty, at least its
      // displayed quantity; a counted level's price is the one next_best gave
      if (lv_we && state_q != SInit) begin
        assert ((lv_wdata.count == 0) == (lv_wdata.lsum == 0) &&
                (lv_wdata.count == 0 || lv_wdata.lsum >= lv_wdata.qty))
          else $error("xb_engine: level %0d stored with count %0d, qty %0d, lsum %0d",
                      lv_waddr, lv_wdata.count, lv_wdata.qty, lv_wdata.lsum);
      end
      assert (!(state_q == SFokLevel2 && fk_need_q != c_w32 + fk_ownl_q - a_avail_q))
        else $error("xb_engine: fill-or-kill need %0d is not %0d + %0d - %0d", fk_need_q, c_w32, fk_ownl_q, a_avail_q);
      assert (!(state_q == SFokLevel2 && w_price_q != 0 &&
                (lv_rdata.count == 0 || lv_rdata.price != w_price_q[31:0])))
        else $error("xb_engine: fill-or-kill count at price %0d read level of price %0d, count %0d",
                    w_price_q, lv_rdata.price, lv_rdata.count);
      // the matching walk always trades the head of its level
      assert (!(state_q == SMNode2 && lv_q.head != w_s_q.slot))
        else $error("xb_engine: matching walk away from the head of its level");
    end
  end
`endif

endmodule

`default_nettype wire
