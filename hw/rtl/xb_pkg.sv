// xb_pkg: shared constants of the Crossbar card: wire values of the device records
// (sbe-schemas/src/main/resources/sbe/device.xml), numeric bounds (docs/semantics.md U1) and
// helpers that pack the 64-byte event records. Record byte i is bits [8*i +: 8].
// The RTL keeps to the SystemVerilog that yosys 0.23 reads (hw/synth): package items are named
// xb_pkg::X (no import), functions assign their name (no return), no assignment patterns, and
// unpacked arrays are copied element by element.
`default_nettype none

package xb_pkg;

  // Command kinds (byte 8 of a command record)
  localparam logic [7:0] CmdNewOrder     = 8'd1;
  localparam logic [7:0] CmdModify       = 8'd2;
  localparam logic [7:0] CmdCancel       = 8'd3;
  localparam logic [7:0] CmdMassCancel   = 8'd4;
  localparam logic [7:0] CmdSetInstrument = 8'd5;
  localparam logic [7:0] CmdSetMargin    = 8'd6;
  localparam logic [7:0] CmdSetReference = 8'd7;
  localparam logic [7:0] CmdSetAccount   = 8'd8;
  localparam logic [7:0] CmdHalt         = 8'd9;
  localparam logic [7:0] CmdResume       = 8'd10;
  localparam logic [7:0] CmdHeartbeat    = 8'd11;

  // Event kinds (byte 8 of an event record)
  localparam logic [7:0] EvAccepted  = 8'd1;
  localparam logic [7:0] EvRejected  = 8'd2;
  localparam logic [7:0] EvTrade     = 8'd3;
  localparam logic [7:0] EvCanceled  = 8'd4;
  localparam logic [7:0] EvModified  = 8'd5;
  localparam logic [7:0] EvBookLevel = 8'd6;
  localparam logic [7:0] EvComplete  = 8'd7;

  // Reasons (the shared Reason enum)
  localparam logic [7:0] RsUnknownInstrument  = 8'd1;
  localparam logic [7:0] RsNotTrading         = 8'd2;
  localparam logic [7:0] RsUnknownAccount     = 8'd3;
  localparam logic [7:0] RsInvalidQuantity    = 8'd4;
  localparam logic [7:0] RsInvalidPrice       = 8'd5;
  localparam logic [7:0] RsOutOfBand          = 8'd6;
  localparam logic [7:0] RsQuantityOverMax    = 8'd7;
  localparam logic [7:0] RsInsufficientMargin = 8'd8;
  localparam logic [7:0] RsPositionLimit      = 8'd9;
  localparam logic [7:0] RsReduceOnly         = 8'd10;
  localparam logic [7:0] RsPostOnlyCross      = 8'd11;
  localparam logic [7:0] RsFokUnfillable      = 8'd12;
  localparam logic [7:0] RsInvalidFlags       = 8'd13;
  localparam logic [7:0] RsBookFull           = 8'd14;
  localparam logic [7:0] RsUnknownOrder       = 8'd15;
  localparam logic [7:0] RsNotOwner           = 8'd16;
  localparam logic [7:0] RsUnknownCommand     = 8'd17;
  localparam logic [7:0] RsInvalidParameter   = 8'd18;
  localparam logic [7:0] RsCanceledByUser     = 8'd32;
  localparam logic [7:0] RsIocRemainder       = 8'd33;
  localparam logic [7:0] RsSelfTrade          = 8'd34;
  localparam logic [7:0] RsMassCancel         = 8'd35;
  localparam logic [7:0] RsInstrumentClosed   = 8'd36;
  localparam logic [7:0] RsOutOfWindow        = 8'd37;

  // Instrument status
  localparam logic [1:0] StUnconfigured = 2'd0;
  localparam logic [1:0] StTrading      = 2'd1;
  localparam logic [1:0] StHalted       = 2'd2;
  localparam logic [1:0] StClosed       = 2'd3;

  // Bounds (docs/semantics.md, U1)
  localparam logic signed [63:0] MaxPrice      = 64'sh0000_0000_FFFF_FFFF;
  localparam logic signed [63:0] MaxQuantity   = 64'sh0000_00FF_FFFF_FFFF;
  localparam logic signed [63:0] MaxCollateral = 64'sh4000_0000_0000_0000;
  localparam logic [31:0]        MaxBandBps    = 32'd10000;

  // Event packing. The sequence word (bytes 0..7) is filled in by egress.
  function automatic logic [511:0] ev_accepted(
      input logic [7:0] side, input logic [7:0] otype, input logic [7:0] tif, input logic [7:0] flags,
      input logic [7:0] stp, input logic [31:0] account, input logic [31:0] instrument,
      input logic [63:0] order_id, input logic [63:0] price, input logic [63:0] qty,
      input logic [63:0] display, input logic [63:0] per_lot);
    logic [511:0] r;
    r = '0;
    r[8*8 +: 8] = EvAccepted;
    r[8*9 +: 8] = side;
    r[8*10 +: 8] = otype;
    r[8*11 +: 8] = tif;
    r[8*12 +: 8] = flags;
    r[8*13 +: 8] = stp;
    r[8*16 +: 32] = account;
    r[8*20 +: 32] = instrument;
    r[8*24 +: 64] = order_id;
    r[8*32 +: 64] = price;
    r[8*40 +: 64] = qty;
    r[8*48 +: 64] = display;
    r[8*56 +: 64] = per_lot;
    ev_accepted = r;
  endfunction

  function automatic logic [511:0] ev_rejected(
      input logic [7:0] reason, input logic [7:0] cmd_kind, input logic [31:0] account,
      input logic [31:0] instrument, input logic [63:0] order_id, input logic [63:0] cmd_seq);
    logic [511:0] r;
    r = '0;
    r[8*8 +: 8] = EvRejected;
    r[8*9 +: 8] = reason;
    r[8*10 +: 8] = cmd_kind;
    r[8*16 +: 32] = account;
    r[8*20 +: 32] = instrument;
    r[8*24 +: 64] = order_id;
    r[8*32 +: 64] = cmd_seq;
    ev_rejected = r;
  endfunction

  function automatic logic [511:0] ev_trade(
      input logic [7:0] taker_side, input logic [31:0] maker_account, input logic [31:0] taker_account,
      input logic [31:0] instrument, input logic [63:0] trade_id, input logic [63:0] price,
      input logic [63:0] qty, input logic [63:0] taker_oid, input logic [63:0] maker_oid);
    logic [511:0] r;
    r = '0;
    r[8*8 +: 8] = EvTrade;
    r[8*9 +: 8] = taker_side;
    r[8*12 +: 32] = maker_account;
    r[8*16 +: 32] = taker_account;
    r[8*20 +: 32] = instrument;
    r[8*24 +: 64] = trade_id;
    r[8*32 +: 64] = price;
    r[8*40 +: 64] = qty;
    r[8*48 +: 64] = taker_oid;
    r[8*56 +: 64] = maker_oid;
    ev_trade = r;
  endfunction

  function automatic logic [511:0] ev_canceled(
      input logic [7:0] reason, input logic [7:0] side, input logic [31:0] account,
      input logic [31:0] instrument, input logic [63:0] order_id, input logic [63:0] price,
      input logic [63:0] qty);
    logic [511:0] r;
    r = '0;
    r[8*8 +: 8] = EvCanceled;
    r[8*9 +: 8] = reason;
    r[8*10 +: 8] = side;
    r[8*16 +: 32] = account;
    r[8*20 +: 32] = instrument;
    r[8*24 +: 64] = order_id;
    r[8*32 +: 64] = price;
    r[8*40 +: 64] = qty;
    ev_canceled = r;
  endfunction

  function automatic logic [511:0] ev_modified(
      input logic [7:0] side, input logic kept, input logic [31:0] account, input logic [31:0] instrument,
      input logic [63:0] order_id, input logic [63:0] price, input logic [63:0] qty, input logic [63:0] per_lot);
    logic [511:0] r;
    r = '0;
    r[8*8 +: 8] = EvModified;
    r[8*9 +: 8] = side;
    r[8*10 +: 8] = {7'd0, kept};
    r[8*16 +: 32] = account;
    r[8*20 +: 32] = instrument;
    r[8*24 +: 64] = order_id;
    r[8*32 +: 64] = price;
    r[8*40 +: 64] = qty;
    r[8*48 +: 64] = per_lot;
    ev_modified = r;
  endfunction

  function automatic logic [511:0] ev_book_level(
      input logic [7:0] side, input logic [31:0] count, input logic [31:0] instrument,
      input logic [63:0] price, input logic [63:0] qty);
    logic [511:0] r;
    r = '0;
    r[8*8 +: 8] = EvBookLevel;
    r[8*9 +: 8] = side;
    r[8*12 +: 32] = count;
    r[8*20 +: 32] = instrument;
    r[8*24 +: 64] = price;
    r[8*32 +: 64] = qty;
    ev_book_level = r;
  endfunction

  function automatic logic [511:0] ev_complete(
      input logic [7:0] cmd_kind, input logic rejected, input logic [31:0] event_count,
      input logic [31:0] affected, input logic [63:0] cmd_seq);
    logic [511:0] r;
    r = '0;
    r[8*8 +: 8] = EvComplete;
    r[8*9 +: 8] = cmd_kind;
    r[8*10 +: 8] = {7'd0, rejected};
    r[8*12 +: 32] = event_count;
    r[8*16 +: 32] = affected;
    r[8*24 +: 64] = cmd_seq;
    ev_complete = r;
  endfunction

endpackage

`default_nettype wire
