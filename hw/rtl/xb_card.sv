// xb_card: the Crossbar card. The matching engine behind the register window and the two record
// streams of docs/device-abi.md. The window holds identity, capabilities, control and status,
// and counters derived from the event stream as it leaves (commands, events, rejects, trades,
// stall cycles, and per-command latency min/max/sum/count with a log2 histogram).
// Reset rule: synchronous, active high, control state only; CONTROL=1 is a soft reset that
// re-runs the engine's memory initialisation.
`default_nettype none

module xb_card #(
  parameter int          Instruments   = 16,     // instruments (ids 0 .. n-1)
  parameter int          LevelsPerSide = 4096,   // price levels per side (power of two, 64 .. 4096)
  parameter int          OrderSlots    = 65536,  // resting-order slots
  parameter int          Accounts      = 4096,   // accounts (ids 0 .. n-1)
  parameter int          CmdRingSlots  = 1024,   // reported to the host; rings live in host memory
  parameter int          EvtRingSlots  = 4096,
  parameter logic [63:0] BuildId       = 64'd0   // hash of sources and parameters, set by the build
) (
  input  logic         clk_i,
  input  logic         rst_i,
  input  logic         cmd_valid_i,
  output logic         cmd_ready_o,
  input  logic [511:0] cmd_data_i,
  output logic         evt_valid_o,
  input  logic         evt_ready_i,
  output logic [511:0] evt_data_o,
  input  logic [11:0]  reg_addr_i,
  output logic [63:0]  reg_rdata_o,
  input  logic         reg_we_i,
  input  logic [63:0]  reg_wdata_i
);
  localparam logic [63:0] Magic      = 64'h4452_4143_5241_4258; // "XBARCARD"
  localparam logic [63:0] AbiVersion = 64'h0000_0000_0001_0000; // 1.0

  localparam logic [2:0] StatusReset = 3'd0, StatusInit = 3'd1, StatusReady = 3'd2,
                         StatusRunning = 3'd3, StatusHalted = 3'd4;

  logic        soft_reset_q;
  logic        running_q, halted_q;
  logic        engine_ready, engine_busy;
  logic [63:0] cycles_q, commands_q, events_q, rejects_q, trades_q, stalls_q;
  logic [63:0] lat_min_q, lat_max_q, lat_sum_q, lat_count_q;
  logic [63:0] hist_q [16];
  logic [63:0] start_cycle;

  xb_engine #(
    .Instruments(Instruments), .LevelsPerSide(LevelsPerSide), .OrderSlots(OrderSlots), .Accounts(Accounts)
  ) u_engine (
    .clk_i,
    .rst_i(rst_i || soft_reset_q),
    .run_i(running_q && !halted_q),
    .ready_o(engine_ready),
    .busy_o(engine_busy),
    .cmd_valid_i,
    .cmd_ready_o,
    .cmd_data_i,
    .evt_valid_o,
    .evt_ready_i,
    .evt_data_o,
    .cmd_start_cycle_o(start_cycle)
  );

  wire        evt_fire = evt_valid_o && evt_ready_i;
  wire [7:0]  evt_kind = evt_data_o[8*8 +: 8];
  wire [63:0] latency  = {32'd0, evt_data_o[8*32 +: 32]};

  // The latency histogram's bucket: k for [2^k, 2^(k+1)), 0 below 2, 15 from 2^15 on. The
  // highest set bit, by bit tests rather than 64-bit comparisons.
  function automatic logic [3:0] log2_bucket(input logic [31:0] v);
    logic [3:0] b;
    b = '0;
    for (int i = 1; i < 15; i++) begin
      if (v[i]) b = 4'(i);
    end
    log2_bucket = v[31:15] != 0 ? 4'd15 : b;
  endfunction
  wire [3:0] lat_bucket = log2_bucket(latency[31:0]);

  always_ff @(posedge clk_i) begin
    if (rst_i) begin
      soft_reset_q <= 1'b0;
      running_q    <= 1'b0;
      halted_q     <= 1'b0;
      cycles_q     <= '0;
      commands_q   <= '0;
      events_q     <= '0;
      rejects_q    <= '0;
      trades_q     <= '0;
      stalls_q     <= '0;
      lat_min_q    <= '1;
      lat_max_q    <= '0;
      lat_sum_q    <= '0;
      lat_count_q  <= '0;
      for (int i = 0; i < 16; i++) hist_q[i] <= '0;
    end else begin
      cycles_q     <= cycles_q + 64'd1;
      soft_reset_q <= 1'b0;
      if (reg_we_i && reg_addr_i == 12'h100) begin
        unique case (reg_wdata_i[1:0])
          2'd1: begin soft_reset_q <= 1'b1; running_q <= 1'b0; halted_q <= 1'b0; end
          2'd2: begin running_q <= 1'b1; halted_q <= 1'b0; end
          2'd3: halted_q <= 1'b1;
          default: ;
        endcase
      end
      if (evt_valid_o && !evt_ready_i) stalls_q <= stalls_q + 64'd1;
      if (evt_fire) begin
        events_q <= events_q + 64'd1;
        if (evt_kind == xb_pkg::EvTrade) trades_q <= trades_q + 64'd1;
        if (evt_kind == xb_pkg::EvComplete) begin
          commands_q  <= commands_q + 64'd1;
          rejects_q   <= rejects_q + {63'd0, evt_data_o[8*10]};
          lat_sum_q   <= lat_sum_q + latency;
          lat_count_q <= lat_count_q + 64'd1;
          if (latency < lat_min_q) lat_min_q <= latency;
          if (latency > lat_max_q) lat_max_q <= latency;
          hist_q[lat_bucket] <= hist_q[lat_bucket] + 64'd1;
        end
      end
    end
  end

  logic [2:0] status;
  always_comb begin
    if (rst_i) status = StatusReset;
    else if (!engine_ready) status = StatusInit;
    else if (halted_q) status = StatusHalted;
    else if (running_q) status = StatusRunning;
    else status = StatusReady;
  end

  always_comb begin
    reg_rdata_o = '0;
    unique case (reg_addr_i)
      12'h000: reg_rdata_o = Magic;
      12'h008: reg_rdata_o = AbiVersion;
      12'h010: reg_rdata_o = BuildId;
      12'h018: reg_rdata_o = 64'(Instruments);
      12'h020: reg_rdata_o = 64'(LevelsPerSide);
      12'h028: reg_rdata_o = 64'(OrderSlots);
      12'h030: reg_rdata_o = 64'(Accounts);
      12'h038: reg_rdata_o = 64'(CmdRingSlots);
      12'h040: reg_rdata_o = 64'(EvtRingSlots);
      12'h100: reg_rdata_o = {62'd0, halted_q ? 2'd3 : running_q ? 2'd2 : 2'd0};
      12'h108: reg_rdata_o = 64'(status);
      12'h110: reg_rdata_o = '0;
      12'h118: reg_rdata_o = cycles_q >> 10;
      12'h200: reg_rdata_o = cycles_q;
      12'h208: reg_rdata_o = commands_q;
      12'h210: reg_rdata_o = events_q;
      12'h218: reg_rdata_o = rejects_q;
      12'h220: reg_rdata_o = trades_q;
      12'h228: reg_rdata_o = stalls_q;
      12'h230: reg_rdata_o = lat_min_q;
      12'h238: reg_rdata_o = lat_max_q;
      12'h240: reg_rdata_o = lat_sum_q;
      12'h248: reg_rdata_o = lat_count_q;
      default: begin
        if (reg_addr_i >= 12'h300 && reg_addr_i < 12'h380) reg_rdata_o = hist_q[reg_addr_i[6:3]];
      end
    endcase
  end

  logic unused;
  assign unused = ^{engine_busy, start_cycle, reg_addr_i[2:0], reg_wdata_i[63:2]};

endmodule

`default_nettype wire
