# test_failure
resource aws_rds_cluster_instance "fail" {
  cluster_identifier = "id"
  instance_class = "foo-bar"
  publicly_accessible = true
}

# test_success
resource aws_rds_cluster_instance "pass" {
  cluster_identifier = "id"
  instance_class = "foo-bar"
  publicly_accessible = false
}

# test_success2
resource aws_rds_cluster_instance "pass2" {
  cluster_identifier = "id"
  instance_class = "foo-bar"
}
