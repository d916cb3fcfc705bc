variable "base_cidr_block" {
  default = "10.0.0.0/22"
}
