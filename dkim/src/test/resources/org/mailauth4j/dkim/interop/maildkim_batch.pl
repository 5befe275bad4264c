#!/usr/bin/perl
# Batch driver for Mail::DKIM (one process for the whole corpus), written for mailauth4j's interop tests.
# usage: maildkim_batch.pl verify DNSFILE LISTFILE   -> "<file>\t<selector>\t<result>" per signature
#        maildkim_batch.pl sign LISTFILE OUTDIR KEYFILE SELECTOR DOMAIN METHOD
use strict; use warnings;
use Mail::DKIM::Verifier; use Mail::DKIM::Signer; use Net::DNS;
my ($mode, @args) = @ARGV;
my %txt;
{ no warnings 'redefine';
  *Mail::DKIM::DNS::query = sub {
    my ($name, $type) = @_; $name = lc $name; $name =~ s/\.$//;
    my $v = $txt{$name}; if (!defined $v) { $@ = 'NXDOMAIN'; return; }
    my @chunks = ($v =~ /(.{1,255})/gs);
    return Net::DNS::RR->new(name => $name, type => 'TXT', txtdata => \@chunks);
  };
}
sub slurp { my ($f) = @_; open my $fh, '<:raw', $f or die "$f: $!"; local $/; my $d = <$fh>; close $fh; return $d; }
if ($mode eq 'verify') {
  my ($dnsfile, $listfile) = @args;
  for my $line (split /\n/, slurp($dnsfile)) { my ($n, $v) = split /\t/, $line, 2; $txt{lc $n} = $v; }
  for my $path (grep { length } split /\n/, slurp($listfile)) {
    my $msg = slurp($path); $msg =~ s/\r?\n/\r\n/g;
    my $v = Mail::DKIM::Verifier->new; $v->PRINT($msg); $v->CLOSE;
    print "$path\t", $_->selector, "\t", $_->result, "\n" for $v->signatures;
  }
} else {
  my ($listfile, $outdir, $keyfile, $selector, $domain, $method) = @args;
  for my $path (grep { length } split /\n/, slurp($listfile)) {
    my $msg = slurp($path); $msg =~ s/\r?\n/\r\n/g;
    my $s = Mail::DKIM::Signer->new(Algorithm => 'rsa-sha256', Method => $method, Domain => $domain,
                                    Selector => $selector, KeyFile => $keyfile);
    $s->PRINT($msg); $s->CLOSE;
    my ($base) = $path =~ m{([^/]+)$};
    open my $out, '>:raw', "$outdir/$base" or die $!;
    print $out $s->signature->as_string, "\r\n", $msg; close $out;
  }
}
