#!/usr/bin/perl
# Batch ARC peer over Mail::DKIM, offline. Usage: arc_peer.pl DNSFILE
# DNSFILE: "<name> <TXT value>" per line. Then one command per stdin line (tab-separated):
#   verify MSGFILE                                     -> "ok <result> <detail>"
#   seal MSGFILE OUTFILE DOMAIN SELECTOR KEYFILE SRVID -> "ok <result>" (OUTFILE = set + message)
# Errors answer "error <text>". One answer line per command.
use strict; use warnings;
use Mail::DKIM::ARC::Verifier; use Mail::DKIM::ARC::Signer; use Net::DNS;
$| = 1;
my %txt;
open my $d, '<', $ARGV[0] or die $!;
while (my $l = <$d>) { chomp $l; next unless length $l; my ($n, $v) = split / /, $l, 2; $n = lc $n; $n =~ s/\.$//; $txt{$n} = $v; }
close $d;
{ no warnings 'redefine';
  *Mail::DKIM::DNS::query = sub {
    my ($name, $type) = @_; $name = lc $name; $name =~ s/\.$//;
    my $v = $txt{$name}; if (!defined $v) { $@ = 'NXDOMAIN'; return; }
    my @chunks = ($v =~ /(.{1,255})/gs);
    return Net::DNS::RR->new(name => $name, type => 'TXT', txtdata => \@chunks);
  };
}
sub slurp { open my $fh, '<:raw', $_[0] or die "$_[0]: $!"; local $/; my $m = <$fh>; close $fh; $m =~ s/\r?\n/\r\n/g; return $m; }
while (my $line = <STDIN>) {
  chomp $line; my @p = split /\t/, $line;
  eval {
    if ($p[0] eq 'verify') {
      my $v = Mail::DKIM::ARC::Verifier->new; $v->PRINT(slurp($p[1])); $v->CLOSE;
      my $detail = $v->result_detail // ''; $detail =~ s/\s+/ /g;
      print "ok ", $v->result, " ", $detail, "\n";
    } elsif ($p[0] eq 'seal') {
      my $msg = slurp($p[1]);
      my $s = Mail::DKIM::ARC::Signer->new(Algorithm => 'rsa-sha256', Domain => $p[3], Selector => $p[4],
        KeyFile => $p[5], SrvId => $p[6], Chain => 'ar');
      $s->PRINT($msg); $s->CLOSE;
      open my $o, '>:raw', $p[2] or die $!; print $o "$_\r\n" for $s->as_strings; print $o $msg; close $o;
      print "ok ", $s->result, "\n";
    } else { print "error unknown command $p[0]\n"; }
    1;
  } or do { my $e = $@ // 'unknown'; $e =~ s/\s+/ /g; print "error $e\n"; };
}
