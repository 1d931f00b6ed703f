// xb_ram: simple dual-port memory, one write port and one read port with a registered read
// (data appears the cycle after the address), the form synthesis maps to block RAM or URAM.
// A read and a write of the same address in the same cycle return the old data, or with
// WriteFirst the data being written (a bypass register and a comparator around the memory).
// No reset: contents are cleared by the engine's initialisation walk.
`default_nettype none

module xb_ram #(
  parameter int Width      = 64,   // bits per word
  parameter int Depth      = 1024, // words
  parameter bit WriteFirst = 1'b0  // same-cycle read of a written address returns the new data
) (
  input  logic                     clk_i,
  input  logic                     we_i,
  input  logic [$clog2(Depth)-1:0] waddr_i,
  input  logic [Width-1:0]         wdata_i,
  input  logic [$clog2(Depth)-1:0] raddr_i,
  output logic [Width-1:0]         rdata_o
);
  logic [Width-1:0] mem_q [Depth];
  logic [Width-1:0] mem_rdata_q;

  always_ff @(posedge clk_i) begin
    if (we_i) begin
      mem_q[waddr_i] <= wdata_i;
    end
    mem_rdata_q <= mem_q[raddr_i];
  end

  if (WriteFirst) begin : g_write_first
    logic [Width-1:0] bypass_q;
    logic             bypass_valid_q;
    always_ff @(posedge clk_i) begin
      bypass_q       <= wdata_i;
      bypass_valid_q <= we_i && waddr_i == raddr_i;
    end
    assign rdata_o = bypass_valid_q ? bypass_q : mem_rdata_q;
  end else begin : g_read_old
    assign rdata_o = mem_rdata_q;
  end
endmodule

`default_nettype wire
